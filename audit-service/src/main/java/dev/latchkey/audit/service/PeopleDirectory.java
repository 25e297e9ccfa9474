package dev.latchkey.audit.service;

import dev.latchkey.audit.repository.PeopleRepository;
import dev.latchkey.verifier.MemberDirectory;
import dev.latchkey.verifier.MemberLookup;
import dev.latchkey.verifier.UpstreamPerson;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletionStage;

/** The members people's upstream tokens map to (libs/token-verifier), from this service's directory projection. */
@Singleton
public class PeopleDirectory implements MemberDirectory {
    private final Pool pool;
    private final PeopleRepository people;

    PeopleDirectory(Pool pool, PeopleRepository people) {
        this.pool = pool;
        this.people = people;
    }

    @Override
    public CompletionStage<MemberLookup> find(UpstreamPerson person) {
        return people.find(pool, person.tenant(), person.userName()).subscribeAsCompletionStage();
    }
}
