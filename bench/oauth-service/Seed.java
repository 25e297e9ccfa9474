import dev.latchkey.verifier.OpaqueTokens;

/** Prints "secret hash" for a fresh client secret under the given pepper (run with the token-verifier jar). */
public class Seed {
    public static void main(String[] args) {
        String secret = OpaqueTokens.generate(OpaqueTokens.CLIENT_SECRET);
        System.out.println(secret + " " + OpaqueTokens.hmacSha256(args[0], secret) + " " + OpaqueTokens.hint(secret));
    }
}
