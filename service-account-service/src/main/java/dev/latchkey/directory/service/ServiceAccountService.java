package dev.latchkey.directory.service;

import dev.latchkey.directory.repository.MemberRepository;
import dev.latchkey.directory.repository.OwnerTokenRepository;
import dev.latchkey.directory.repository.PageCursor;
import dev.latchkey.directory.repository.ServiceAccount;
import dev.latchkey.directory.repository.ServiceAccountRepository;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.directory.DirectoryEvents;
import dev.latchkey.events.directory.ServiceAccountCreated;
import dev.latchkey.events.directory.ServiceAccountDeleted;
import dev.latchkey.events.directory.ServiceAccountDisabled;
import dev.latchkey.events.directory.ServiceAccountEnabled;
import dev.latchkey.events.directory.ServiceAccountUpdated;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Service accounts of a tenant (global admins manage them: the scopes needed are beyond the member role). */
@ApplicationScoped
public class ServiceAccountService {
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_MANAGERS = 50;

    private final Pool pool;
    private final ServiceAccountRepository accounts;
    private final MemberRepository members;
    private final OwnerTokenRepository tokens;
    private final Outbox outbox;
    private final DirectoryEventFactory events;

    ServiceAccountService(Pool pool, ServiceAccountRepository accounts, MemberRepository members,
                          OwnerTokenRepository tokens, Outbox outbox, DirectoryEventFactory events) {
        this.pool = pool;
        this.accounts = accounts;
        this.members = members;
        this.tokens = tokens;
        this.outbox = outbox;
        this.events = events;
    }

    public Uni<ServiceAccountRepository.Listed> create(Caller caller, String name, String description,
                                                       List<String> managers) {
        validate(name, true, description, managers);
        List<String> managerIds = distinct(managers);
        Instant now = Times.now();
        ServiceAccount a = new ServiceAccount(caller.tenant(), UUID.randomUUID().toString(), name,
                blankToNull(description), managerIds, ServiceAccount.ACTIVE, now, now);
        return pool.withTransaction(tx -> checkName(tx, caller.tenant(), name, null)
                        .chain(() -> checkManagers(tx, caller.tenant(), managerIds))
                        .chain(() -> accounts.insert(tx, a))
                        .chain(() -> outbox.append(tx, DirectoryEventFactory.event(DirectoryEvents.SERVICE_ACCOUNT_CREATED,
                                new ServiceAccountCreated(a.tenant(), caller.actor(), DirectoryEventFactory.target(a),
                                        now, DirectoryEventFactory.info(a))))))
                .onFailure().transform(Db.uniqueViolationAs(duplicate(name)))
                .invoke(() -> Log.infof("service account %s (%s) created in %s", a.id(), name, a.tenant()))
                .replaceWith(new ServiceAccountRepository.Listed(a, 0, null));
    }

    public Uni<ServiceAccountRepository.Listed> get(Caller caller, String id) {
        Instant now = Times.now();
        return accounts.find(pool, caller.tenant(), id, false).chain(found -> {
            ServiceAccount a = found.orElseThrow(() -> notFound(id));
            return tokens.countLive(pool, a.tenant(), "service_account", a.id(), now)
                    .chain(n -> tokens.lastUsed(pool, a.tenant(), "service_account", a.id())
                            .map(last -> new ServiceAccountRepository.Listed(a, n, last)));
        });
    }

    public Uni<List<ServiceAccountRepository.Listed>> page(Caller caller, PageCursor after, int limit) {
        return accounts.page(pool, caller.tenant(), after, Times.now(), limit);
    }

    /** {@code null} arguments leave the field as it is; an empty description clears it. */
    public Uni<ServiceAccountRepository.Listed> update(Caller caller, String id, String name, String description,
                                                       List<String> managers) {
        validate(name, false, description, managers);
        return pool.withTransaction(tx -> accounts.find(tx, caller.tenant(), id, true).chain(found -> {
                    ServiceAccount before = found.orElseThrow(() -> notFound(id));
                    Instant now = Times.now();
                    ServiceAccount after = before.with(name == null ? before.name() : name,
                            description == null ? before.description() : blankToNull(description),
                            managers == null ? before.managers() : distinct(managers), now);
                    List<String> changes = new ArrayList<>();
                    if (!after.name().equals(before.name())) {
                        changes.add("name");
                    }
                    if (!Objects.equals(after.description(), before.description())) {
                        changes.add("description");
                    }
                    if (!after.managers().equals(before.managers())) {
                        changes.add("managers");
                    }
                    if (changes.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> checks = changes.contains("name") ? checkName(tx, caller.tenant(), after.name(), id)
                            : Uni.createFrom().voidItem();
                    if (changes.contains("managers")) {
                        checks = checks.chain(() -> checkManagers(tx, caller.tenant(), after.managers()));
                    }
                    return checks.chain(() -> accounts.update(tx, after)).chain(() -> outbox.append(tx,
                            DirectoryEventFactory.event(DirectoryEvents.SERVICE_ACCOUNT_UPDATED, new ServiceAccountUpdated(
                                    after.tenant(), caller.actor(), DirectoryEventFactory.target(after), now,
                                    DirectoryEventFactory.info(after), changes))));
                }))
                .onFailure().transform(Db.uniqueViolationAs(duplicate(name)))
                .chain(() -> get(caller, id));
    }

    public Uni<ServiceAccountRepository.Listed> disable(Caller caller, String id) {
        return setStatus(caller, id, ServiceAccount.DISABLED).chain(() -> get(caller, id));
    }

    public Uni<ServiceAccountRepository.Listed> enable(Caller caller, String id) {
        return setStatus(caller, id, ServiceAccount.ACTIVE).chain(() -> get(caller, id));
    }

    /** Deletes; token-service revokes its tokens for good, the subject not-before stops them everywhere now. */
    public Uni<Void> delete(Caller caller, String id) {
        return setStatus(caller, id, ServiceAccount.DELETED)
                .invoke(() -> Log.infof("service account %s of %s deleted by %s:%s", id, caller.tenant(),
                        caller.principalType(), caller.principalId()));
    }

    private Uni<Void> setStatus(Caller caller, String id, String status) {
        return pool.withTransaction(tx -> accounts.find(tx, caller.tenant(), id, true).chain(found -> {
            ServiceAccount before = found.orElseThrow(() -> notFound(id));
            if (before.status().equals(status)) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Times.now();
            ServiceAccount after = before.withStatus(status, now);
            var target = DirectoryEventFactory.target(after);
            var info = DirectoryEventFactory.info(after);
            List<EventEnvelope> out = new ArrayList<>();
            switch (status) {
                case ServiceAccount.DISABLED -> out.add(DirectoryEventFactory.event(
                        DirectoryEvents.SERVICE_ACCOUNT_DISABLED,
                        new ServiceAccountDisabled(after.tenant(), caller.actor(), target, now, info)));
                case ServiceAccount.ACTIVE -> out.add(DirectoryEventFactory.event(
                        DirectoryEvents.SERVICE_ACCOUNT_ENABLED,
                        new ServiceAccountEnabled(after.tenant(), caller.actor(), target, now, info)));
                default -> out.add(DirectoryEventFactory.event(DirectoryEvents.SERVICE_ACCOUNT_DELETED,
                        new ServiceAccountDeleted(after.tenant(), caller.actor(), target, now, info)));
            }
            if (ServiceAccount.ACTIVE.equals(before.status())) {
                out.add(events.subjectRevoked(after.tenant(), caller.actor(), target, now,
                        ServiceAccount.DELETED.equals(status) ? "owner_deleted" : "owner_disabled"));
            }
            return accounts.update(tx, after).chain(() -> outbox.append(tx, out));
        }));
    }

    private static void validate(String name, boolean nameRequired, String description, List<String> managers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null && nameRequired) {
            errors.add(new Problem.FieldError("name", "is required; " + ServiceAccountNames.RULE));
        } else if (name != null && !ServiceAccountNames.isValid(name)) {
            errors.add(new Problem.FieldError("name", ServiceAccountNames.RULE));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (managers != null) {
            if (managers.size() > MAX_MANAGERS) {
                errors.add(new Problem.FieldError("managers", "at most " + MAX_MANAGERS + " managers"));
            }
            for (int i = 0; i < managers.size(); i++) {
                if (managers.get(i) == null || managers.get(i).isBlank()) {
                    errors.add(new Problem.FieldError("managers[" + i + "]", "must be a member id"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private Uni<Void> checkName(SqlConnection tx, String tenant, String name, String exceptId) {
        return accounts.nameTaken(tx, tenant, name, exceptId).invoke(taken -> {
            if (taken) {
                throw ProblemException.conflict(duplicate(name));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> checkManagers(SqlConnection tx, String tenant, List<String> managerIds) {
        if (managerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return members.existing(tx, tenant, managerIds).invoke(existing -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (String m : managerIds) {
                if (!existing.contains(m)) {
                    errors.add(new Problem.FieldError("managers", "no member " + m + " in this tenant"));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
        }).replaceWithVoid();
    }

    private static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String duplicate(String name) {
        return "A service account named '" + name + "' already exists in this tenant (names are case-insensitive).";
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("service account", id);
    }
}
