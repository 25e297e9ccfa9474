package dev.latchkey.directory.rest;

import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.PageCursor;
import dev.latchkey.directory.repository.ServiceAccountRepository;
import dev.latchkey.directory.repository.Tenant;
import dev.latchkey.directory.rest.model.MemberView;
import dev.latchkey.directory.rest.model.ServiceAccountView;
import dev.latchkey.directory.rest.model.TenantLimitsModel;
import dev.latchkey.directory.rest.model.TenantView;

/** Entities → API models (entities never leave the service). */
final class DirectoryMapper {
    private DirectoryMapper() {
    }

    static ServiceAccountView view(ServiceAccountRepository.Listed l) {
        var a = l.account();
        return new ServiceAccountView(a.id(), a.name(), a.description(), a.managers(), a.status(), l.tokenCount(),
                l.lastUsedAt(), a.createdAt(), a.updatedAt());
    }

    static PageCursor position(ServiceAccountRepository.Listed l) {
        return new PageCursor(l.account().createdAt(), l.account().id());
    }

    static MemberView view(Member m) {
        return new MemberView(m.id(), m.userName(), m.email(), m.shownName(), m.givenName(), m.familyName(),
                m.externalId(), m.role(), m.status(), m.createdAt(), m.updatedAt());
    }

    static PageCursor position(Member m) {
        return new PageCursor(m.createdAt(), m.id());
    }

    static TenantView view(Tenant t) {
        return new TenantView(t.serviceId(), t.name(), t.status(), new TenantLimitsModel(t.oauthApplicationsLimit()),
                t.createdAt(), t.updatedAt());
    }

    static PageCursor position(Tenant t) {
        return new PageCursor(t.createdAt(), t.serviceId());
    }
}
