package dev.latchkey.oauth.model;

/** A member as the directory projection knows them, with their tenant's status. */
public record MemberView(String tenant, String id, String role, String status, String tenantStatus) {
    public boolean isActive() {
        return "active".equals(status) && !"suspended".equals(tenantStatus);
    }
}
