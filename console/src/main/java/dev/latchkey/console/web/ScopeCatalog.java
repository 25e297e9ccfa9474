package dev.latchkey.console.web;

import dev.latchkey.console.api.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The scopes the pickers offer (DESIGN.md §4): every entity of the configured catalog with each operation, plus
 * {@code admin} for global admins. The services stay the judges of what an owner may hold; a choice the owner's
 * role does not allow comes back as the API's 400 naming the role.
 */
@ApplicationScoped
public class ScopeCatalog {
    public static final List<String> OPERATIONS =
            List.of("read", "create", "update", "upsert", "delete", "definitions:read", "definitions:upsert", "all");

    private final List<String> entities;

    public ScopeCatalog(ConsoleConfig config) {
        this.entities = List.copyOf(config.scopeEntities());
    }

    public List<String> entities() {
        return entities;
    }

    public List<String> operations() {
        return OPERATIONS;
    }
}
