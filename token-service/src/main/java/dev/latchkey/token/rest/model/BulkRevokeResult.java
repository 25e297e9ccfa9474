package dev.latchkey.token.rest.model;

import java.util.List;

/** The tokens a bulk revocation revoked (those already revoked are not listed). */
public record BulkRevokeResult(int revoked, List<String> ids) {
}
