package dev.latchkey.audit.service;

import dev.latchkey.audit.chain.AuditRecord;
import dev.latchkey.audit.chain.ChainHasher;
import dev.latchkey.audit.repository.AuditRecordRepository;
import dev.latchkey.audit.repository.ChainRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Walks a tenant's chain in chain order, recomputing each record's hash and checking that it points at its
 * predecessor, a chunk at a time (a range of any size in bounded memory). The range is by reception time (the
 * chain's own order); without {@code to} it also checks that the chain ends where its head says, so deleting the
 * newest records is caught too.
 */
@ApplicationScoped
public class ChainVerifier {
    private final Pool pool;
    private final AuditRecordRepository records;
    private final ChainRepository chains;
    private final AuditConfig config;

    public ChainVerifier(Pool pool, AuditRecordRepository records, ChainRepository chains, AuditConfig config) {
        this.pool = pool;
        this.records = records;
        this.chains = chains;
        this.config = config;
    }

    public Uni<ChainVerification> verify(String tenant, Instant from, Instant to) {
        // head first: appends after this moment are outside the walk and cannot look like a broken tail
        return chains.head(pool, tenant).chain(head -> chains.anchor(pool, tenant).chain(anchor -> {
            ChainVerification.Anchor anchorView = anchor == null ? null
                    : new ChainVerification.Anchor(anchor.anchorSeq(), anchor.anchorHash(), anchor.deletedCount());
            if (head == null || head.lastSeq() == 0) {
                return Uni.createFrom().item(new ChainVerification(true, 0, null, null, anchorView, null));
            }
            long chainStart = anchor == null ? 1 : anchor.anchorSeq() + 1;
            Uni<Long> first = from == null ? Uni.createFrom().item(chainStart)
                    : records.firstChainSeqReceivedFrom(pool, tenant, from).map(s -> s == null ? null : Math.max(s, chainStart));
            Uni<Long> last = to == null ? Uni.createFrom().item(head.lastSeq())
                    : records.lastChainSeqReceivedBefore(pool, tenant, to).map(s -> s == null ? null : Math.min(s, head.lastSeq()));
            return first.chain(f -> last.chain(l -> {
                if (f == null || l == null || f > l) {
                    if (to == null && from == null && anchor != null && anchor.anchorSeq() == head.lastSeq()
                            && !anchor.anchorHash().equals(head.lastHash())) {
                        // everything was deleted by retention: the anchor must be the head
                        return Uni.createFrom().item(new ChainVerification(false, 0, null, null, anchorView,
                                new ChainVerification.BrokenLink(head.lastSeq(), null, "head", head.lastHash(),
                                        anchor.anchorHash())));
                    }
                    return Uni.createFrom().item(new ChainVerification(true, 0, null, null, anchorView, null));
                }
                Uni<String> expectedPrev = f == chainStart
                        ? Uni.createFrom().item(anchor == null ? ChainHasher.GENESIS : anchor.anchorHash())
                        : records.hashAt(pool, tenant, f - 1);
                return expectedPrev.chain(prev -> {
                    Walk walk = new Walk(tenant, f, l, to == null ? head.lastHash() : null, anchorView);
                    walk.expectedSeq = f;
                    walk.expectedPrev = prev;
                    return next(walk);
                });
            }));
        }));
    }

    private Uni<ChainVerification> next(Walk w) {
        return records.chainPage(pool, w.tenant, w.expectedSeq, w.last, config.chunkSize()).chain(page -> {
            ChainVerification.BrokenLink broken = check(w, page);
            if (broken != null) {
                return Uni.createFrom().item(w.result(broken));
            }
            if (page.size() == config.chunkSize() && w.expectedSeq <= w.last) {
                return next(w);
            }
            if (w.expectedSeq <= w.last) {
                // nothing stored between the last record found and the end of the range
                return Uni.createFrom().item(w.result(new ChainVerification.BrokenLink(w.expectedSeq, null,
                        "missing", "record " + w.expectedSeq, "no record")));
            }
            if (w.headHash != null && !w.headHash.equals(w.expectedPrev)) {
                return Uni.createFrom().item(w.result(new ChainVerification.BrokenLink(w.last, null, "head",
                        w.headHash, w.expectedPrev)));
            }
            return Uni.createFrom().item(w.result(null));
        });
    }

    private static ChainVerification.BrokenLink check(Walk w, List<AuditRecord> page) {
        for (AuditRecord r : page) {
            if (r.chainSeq() != w.expectedSeq) {
                return new ChainVerification.BrokenLink(w.expectedSeq, null, "missing", "record " + w.expectedSeq,
                        "record " + r.chainSeq());
            }
            if (w.expectedPrev == null) {
                // the record before the range is gone: report the hole where it was
                return new ChainVerification.BrokenLink(r.chainSeq() - 1, null, "missing",
                        "record " + (r.chainSeq() - 1), "no record");
            }
            if (!w.expectedPrev.equals(r.prevHash())) {
                return new ChainVerification.BrokenLink(r.chainSeq(), r.eventId(), "prev_hash", w.expectedPrev,
                        r.prevHash());
            }
            String recomputed = ChainHasher.hash(r);
            if (!recomputed.equals(r.hash())) {
                return new ChainVerification.BrokenLink(r.chainSeq(), r.eventId(), "hash", recomputed, r.hash());
            }
            w.checked++;
            w.expectedSeq++;
            w.expectedPrev = r.hash();
        }
        return null;
    }

    private static final class Walk {
        final String tenant;
        final long first;
        final long last;
        final String headHash;
        final ChainVerification.Anchor anchor;
        long expectedSeq;
        String expectedPrev;
        long checked;

        Walk(String tenant, long first, long last, String headHash, ChainVerification.Anchor anchor) {
            this.tenant = tenant;
            this.first = first;
            this.last = last;
            this.headHash = headHash;
            this.anchor = anchor;
        }

        ChainVerification result(ChainVerification.BrokenLink broken) {
            return new ChainVerification(broken == null, checked, first, checked == 0 ? null : first + checked - 1,
                    anchor, broken);
        }
    }
}
