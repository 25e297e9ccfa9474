package dev.latchkey.verifier;

/** Either a principal or the reason there is none. */
public record VerificationResult(LatchkeyPrincipal principal, FailureReason failure) {

    public static VerificationResult success(LatchkeyPrincipal principal) {
        return new VerificationResult(principal, null);
    }

    public static VerificationResult failure(FailureReason reason) {
        return new VerificationResult(null, reason);
    }

    public boolean isSuccess() {
        return principal != null;
    }
}
