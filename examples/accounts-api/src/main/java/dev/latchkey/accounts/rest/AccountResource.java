package dev.latchkey.accounts.rest;

import dev.latchkey.accounts.rest.model.Account;
import dev.latchkey.accounts.rest.model.AccountSearch;
import dev.latchkey.accounts.rest.model.AttributeDefinition;
import dev.latchkey.accounts.service.AccountService;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The seed API backend's account endpoints, each protected by one scope. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccountService accounts;
    private final SecurityIdentity identity;

    AccountResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @POST
    @Path("api/v1/search/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("account:read")
    public List<Account> search(AccountSearch search) {
        return accounts.search(tenant(), search == null ? null : search.name());
    }

    @POST
    @Path("int-hub/api/v1/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("account:upsert")
    public Account upsert(Account account) {
        if (account == null || account.id() == null || account.id().isBlank()) {
            throw new BadRequestException("an account needs an id");
        }
        return accounts.upsert(tenant(), account);
    }

    @POST
    @Path("int-hub/api/v1/accounts/attributes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("account:definitions:upsert")
    public AttributeDefinition upsertAttribute(AttributeDefinition definition) {
        if (definition == null || definition.name() == null || definition.name().isBlank()) {
            throw new BadRequestException("an attribute definition needs a name");
        }
        return accounts.upsertDefinition(tenant(), definition);
    }

    @DELETE
    @Path("api/v2/users/account-user/{accountId}/{userId}")
    @RequiresScope("user:delete")
    public Response removeUser(@PathParam("accountId") String accountId, @PathParam("userId") String userId) {
        accounts.removeUser(tenant(), accountId, userId);
        return Response.noContent().build();
    }

    private String tenant() {
        LatchkeyPrincipal p = LatchkeyIdentity.principalOf(identity);
        return p.tenant();
    }
}
