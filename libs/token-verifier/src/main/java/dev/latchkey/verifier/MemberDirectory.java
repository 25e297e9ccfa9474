package dev.latchkey.verifier;

import java.util.concurrent.CompletionStage;

/**
 * Where the verifier finds the Latchkey member a person signed in at the upstream OpenID Connect provider is.
 * Each service implements it from the directory it already keeps (its own projection of
 * {@code latchkey.directory.events}; service-account-service from its own tables, provisioning unknown people just
 * in time). The mapping rules themselves live in {@link UpstreamPeople}, once.
 */
public interface MemberDirectory {

    /**
     * Completes with what the directory knows of this person now; exceptionally (any exception) when it cannot be
     * asked, which answers 503 so the caller retries.
     */
    CompletionStage<MemberLookup> find(UpstreamPerson person);
}
