package dev.latchkey.oauth.service;

import dev.latchkey.oauth.repository.DirectoryRepository;
import dev.latchkey.verifier.MemberDirectory;
import dev.latchkey.verifier.MemberLookup;
import dev.latchkey.verifier.UpstreamPerson;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletionStage;

/**
 * The members people's upstream bearer tokens map to at the management API (libs/token-verifier), from this
 * service's directory projection — the same look-up as the sign-in at {@code /oauth/authorize}.
 */
@Singleton
public class PeopleDirectory implements MemberDirectory {
    private final DirectoryRepository directory;

    PeopleDirectory(DirectoryRepository directory) {
        this.directory = directory;
    }

    @Override
    public CompletionStage<MemberLookup> find(UpstreamPerson person) {
        return directory.memberByUserName(person.tenant(), person.userName()).map(found -> found
                        .map(m -> "suspended".equals(m.tenantStatus()) ? MemberLookup.tenantUnavailable()
                                : MemberLookup.ofStatus(m.id(), m.role(), m.status()))
                        .orElseGet(MemberLookup::notProvisioned))
                .subscribeAsCompletionStage();
    }
}
