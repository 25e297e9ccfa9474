package dev.latchkey.token.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Claims of expiry notices: one row per (token, lead time), whoever inserts it first sends the notice. */
@ApplicationScoped
public class ExpiryNoticeRepository {

    /** {@code true} when this caller claimed the notice (nobody sent it before). */
    public Uni<Boolean> claim(SqlClient c, UUID tokenId, int leadTimeDays) {
        return c.preparedQuery("INSERT INTO expiry_notice (token_id, lead_time_days) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tokenId, leadTimeDays)).map(rows -> rows.rowCount() == 1);
    }
}
