package dev.latchkey.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Display names of members and service accounts as the directory events last described them. */
@ApplicationScoped
public class PrincipalNameRepository {

    /** Names keyed {@code type + ":" + id}. */
    public Uni<Map<String, String>> names(SqlClient client, String tenant, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return client.preparedQuery("SELECT type, id, name FROM audit_principal_name WHERE tenant = $1 AND id = ANY($2)")
                .execute(Tuple.of(tenant, ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> names = new HashMap<>();
                    rows.forEach(r -> names.put(r.getString(0) + ":" + r.getString(1), r.getString(2)));
                    return names;
                });
    }

    public Uni<Void> upsert(SqlClient tx, String tenant, Map<String, String> namesByTypeAndId) {
        if (namesByTypeAndId.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = namesByTypeAndId.size();
        String[] types = new String[n];
        String[] ids = new String[n];
        String[] names = new String[n];
        int i = 0;
        for (Map.Entry<String, String> e : namesByTypeAndId.entrySet()) {
            int colon = e.getKey().indexOf(':');
            types[i] = e.getKey().substring(0, colon);
            ids[i] = e.getKey().substring(colon + 1);
            names[i] = e.getValue();
            i++;
        }
        return tx.preparedQuery("""
                        INSERT INTO audit_principal_name (tenant, type, id, name)
                        SELECT $1, t, i, n FROM unnest($2::text[], $3::text[], $4::text[]) AS u(t, i, n)
                        ON CONFLICT (tenant, type, id) DO UPDATE SET name = EXCLUDED.name""")
                .execute(Tuple.of(tenant, types, ids, names))
                .replaceWithVoid();
    }
}
