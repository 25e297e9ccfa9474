package dev.latchkey.console.web;

/**
 * Who is signed in, as the profile menu shows it: name and e-mail from the provider, role as Latchkey knows it now
 * (service-account-service's {@code /members/me}), tenant service ID ({@code SP-…}) from the provider's claim.
 */
public record Profile(String memberId, String name, String email, String role, String tenant) {

    public boolean globalAdmin() {
        return "global_admin".equals(role);
    }

    public String roleLabel() {
        return globalAdmin() ? "Global admin" : "Member";
    }
}
