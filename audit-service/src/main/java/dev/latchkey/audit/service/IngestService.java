package dev.latchkey.audit.service;

import dev.latchkey.audit.chain.AuditRecord;
import dev.latchkey.audit.chain.ChainHasher;
import dev.latchkey.audit.event.IncomingEvent;
import dev.latchkey.audit.repository.AuditRecordRepository;
import dev.latchkey.audit.repository.ChainRepository;
import dev.latchkey.audit.repository.PeopleRepository;
import dev.latchkey.audit.repository.PrincipalNameRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends a batch of events to their tenants' chains in ONE transaction. Per tenant: lock the chain head (which
 * serialises appends to that chain everywhere), drop what is stored already (the CloudEvents id is the
 * idempotency key), hash each record over its fields and its predecessor's hash, insert them all in one
 * statement, move the head. Tenants are locked in name order so two replicas never deadlock.
 */
@ApplicationScoped
public class IngestService {
    private final Pool pool;
    private final AuditRecordRepository records;
    private final ChainRepository chains;
    private final PrincipalNameRepository names;
    private final PeopleRepository people;
    private final Counter stored;
    private final Counter duplicates;
    private final Clock clock = Clock.systemUTC();

    public IngestService(Pool pool, AuditRecordRepository records, ChainRepository chains,
                         PrincipalNameRepository names, PeopleRepository people, MeterRegistry registry) {
        this.pool = pool;
        this.records = records;
        this.chains = chains;
        this.names = names;
        this.people = people;
        this.stored = Counter.builder("latchkey.audit.records.stored")
                .description("Audit records appended to a chain").register(registry);
        this.duplicates = Counter.builder("latchkey.audit.records.duplicate")
                .description("Redelivered events that were stored already").register(registry);
    }

    /** Events in delivery order; answers how many new records were stored. */
    public Uni<Integer> append(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, List<IncomingEvent>> byTenant = new TreeMap<>();
        for (IncomingEvent e : events) {
            byTenant.computeIfAbsent(e.tenant(), t -> new ArrayList<>()).add(e);
        }
        return pool.withTransaction(tx -> Multi.createFrom().iterable(byTenant.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> appendToChain(tx, e.getKey(), e.getValue()))
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)))
                .invoke(n -> {
                    stored.increment(n);
                    duplicates.increment(events.size() - n);
                });
    }

    private Uni<Integer> appendToChain(SqlConnection tx, String tenant, List<IncomingEvent> events) {
        List<IncomingEvent> unique = distinctById(events);
        List<String> ids = unique.stream().map(IncomingEvent::eventId).toList();
        return chains.lockHead(tx, tenant).chain(head -> records.existingEventIds(tx, ids)
                .chain(existing -> {
                    List<IncomingEvent> fresh = unique.stream().filter(e -> !existing.contains(e.eventId())).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<String> actorIds = fresh.stream().map(IncomingEvent::actorId)
                            .filter(java.util.Objects::nonNull).distinct().toList();
                    return names.names(tx, tenant, actorIds).chain(known -> {
                        Map<String, String> learned = new LinkedHashMap<>();
                        List<AuditRecord> chain = link(tenant, head, fresh, known, learned);
                        return records.insertAll(tx, tenant, chain).chain(inserted -> {
                            if (inserted != chain.size()) {
                                // only possible if another transaction stored one of these ids without the head
                                // lock; failing keeps the chain intact, the batch is retried
                                return Uni.createFrom().failure(new IllegalStateException(
                                        "concurrent insert into the chain of " + tenant + "; retrying"));
                            }
                            AuditRecord last = chain.get(chain.size() - 1);
                            return chains.updateHead(tx, tenant, last.chainSeq(), last.hash())
                                    .chain(() -> names.upsert(tx, tenant, learned))
                                    .chain(() -> project(tx, tenant, fresh))
                                    .replaceWith(inserted);
                        });
                    });
                }));
    }

    /** The people directory (libs/token-verifier's upstream tokens), in chain order: the last event wins. */
    private Uni<Void> project(SqlConnection tx, String tenant, List<IncomingEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IncomingEvent e : events) {
            chain = chain.chain(() -> people.apply(tx, tenant, e.type(), e.data()));
        }
        return chain;
    }

    private List<AuditRecord> link(String tenant, ChainRepository.Head head, List<IncomingEvent> events,
                                   Map<String, String> known, Map<String, String> learned) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.lastSeq();
        String prev = head.lastHash();
        List<AuditRecord> chain = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            String actorName = e.actorName();
            if (actorName == null && e.actorId() != null) {
                actorName = known.get(e.actorType() + ":" + e.actorId());
            }
            AuditRecord r = ChainHasher.sealed(new AuditRecord(null, tenant, ++seq, e.eventId(), e.type(),
                    e.source(), e.subject(), e.actorType(), e.actorId(), actorName, e.targetType(), e.targetId(),
                    e.occurredAt(), receivedAt, e.clientIp(), e.userAgent(), e.data(), prev, null));
            chain.add(r);
            prev = r.hash();
            if (e.nameUpdate() != null) {
                String key = e.nameUpdate().type() + ":" + e.nameUpdate().id();
                known.put(key, e.nameUpdate().name());
                learned.put(key, e.nameUpdate().name());
            }
        }
        return chain;
    }

    private static List<IncomingEvent> distinctById(List<IncomingEvent> events) {
        Set<String> seen = new HashSet<>();
        List<IncomingEvent> unique = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            if (seen.add(e.eventId())) {
                unique.add(e);
            }
        }
        return unique;
    }
}
