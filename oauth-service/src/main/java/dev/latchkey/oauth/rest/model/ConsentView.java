package dev.latchkey.oauth.rest.model;

import java.time.Instant;
import java.util.List;

/** A member's consent to an OAuth application acting for them: the application and the scopes granted. */
public record ConsentView(String applicationId, String clientId, String applicationName, List<String> scopes,
                          Instant grantedAt) {
}
