package dev.latchkey.oauth.rest.model;

/** How long the previous secret keeps working after a rotation (0 / absent = it stops at once; at most 7 days). */
public record SecretRotation(Long gracePeriodSeconds) {
}
