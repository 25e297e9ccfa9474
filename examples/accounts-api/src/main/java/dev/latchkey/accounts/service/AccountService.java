package dev.latchkey.accounts.service;

import dev.latchkey.accounts.rest.model.Account;
import dev.latchkey.accounts.rest.model.AttributeDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory accounts per tenant: the sample backend's point is authentication, not storage. */
@ApplicationScoped
public class AccountService {
    private final Map<String, Map<String, Account>> accounts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AttributeDefinition>> definitions = new ConcurrentHashMap<>();

    public List<Account> search(String tenant, String name) {
        String fragment = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return accounts.getOrDefault(tenant, Map.of()).values().stream()
                .filter(a -> a.name() != null && a.name().toLowerCase(Locale.ROOT).contains(fragment))
                .toList();
    }

    public Account upsert(String tenant, Account account) {
        accounts.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(account.id(), account);
        return account;
    }

    public AttributeDefinition upsertDefinition(String tenant, AttributeDefinition definition) {
        definitions.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(definition.name(), definition);
        return definition;
    }

    public boolean removeUser(String tenant, String accountId, String userId) {
        return accounts.getOrDefault(tenant, Map.of()).containsKey(accountId);
    }
}
