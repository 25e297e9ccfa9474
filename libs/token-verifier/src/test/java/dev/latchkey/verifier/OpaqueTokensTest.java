package dev.latchkey.verifier;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpaqueTokensTest {

    @Test
    void generatedTokensHaveThePrefixFortyThreeRandomAndSixChecksumCharacters() {
        for (String prefix : OpaqueTokens.PREFIXES) {
            String token = OpaqueTokens.generate(prefix);
            assertThat(token).startsWith(prefix).hasSize(prefix.length() + 49).matches(prefix + "[0-9A-Za-z]{49}");
            assertThat(OpaqueTokens.isWellFormed(token, prefix)).isTrue();
        }
    }

    @Test
    void generatedTokensAreDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(OpaqueTokens.generate("lkt_"))).isTrue();
        }
    }

    @Test
    void everySingleMistypedCharacterFailsTheChecksum() {
        String token = OpaqueTokens.generate("lkt_");
        for (int i = 4; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = c == 'a' ? 'b' : 'a';
            String typo = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(OpaqueTokens.isWellFormed(typo, "lkt_")).as("typo at %d", i).isFalse();
            assertThat(OpaqueTokens.hasShape(typo, "lkt_")).isTrue();
        }
    }

    @Test
    void swappedNeighboursFailTheChecksum() {
        String token = OpaqueTokens.generate("lkt_");
        int i = 10;
        while (token.charAt(i) == token.charAt(i + 1)) {
            i++;
        }
        String swapped = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
        assertThat(OpaqueTokens.isWellFormed(swapped, "lkt_")).isFalse();
    }

    @Test
    void wrongPrefixLengthOrAlphabetIsNotWellFormed() {
        String token = OpaqueTokens.generate("lkt_");
        assertThat(OpaqueTokens.isWellFormed(token, "lkc_")).isFalse();
        assertThat(OpaqueTokens.isWellFormed("lkc_" + token.substring(4), "lkc_")).isFalse();
        assertThat(OpaqueTokens.isWellFormed(token + "a", "lkt_")).isFalse();
        assertThat(OpaqueTokens.isWellFormed(token.substring(0, token.length() - 1), "lkt_")).isFalse();
        assertThat(OpaqueTokens.isWellFormed(token.substring(0, 20) + "-" + token.substring(21), "lkt_")).isFalse();
        assertThat(OpaqueTokens.isWellFormed(null, "lkt_")).isFalse();
        assertThat(OpaqueTokens.isWellFormed("", "lkt_")).isFalse();
    }

    @Test
    void checksumIsCrc32OfEverythingBeforeItInBase62() {
        // CRC32("lkt_" + 43 zeros) computed independently with java.util.zip.CRC32 then base62-encoded by hand
        String body = "lkt_" + "0".repeat(43);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes());
        long v = crc.getValue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.insert(0, alphabet.charAt((int) (v % 62)));
            v /= 62;
        }
        assertThat(OpaqueTokens.isWellFormed(body + sb, "lkt_")).isTrue();
    }

    @Test
    void unknownPrefixIsRefused() {
        assertThatThrownBy(() -> OpaqueTokens.generate("xyz_")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sha256IsLowercaseHex() {
        assertThat(OpaqueTokens.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hmacIsRfc4231() {
        // RFC 4231 test case 2
        assertThat(OpaqueTokens.hmacSha256("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hintShowsPrefixFirstTwoAndLastTwo() {
        String token = "lkt_Ab" + "0".repeat(41) + "12345x9";
        assertThat(OpaqueTokens.hint(token)).isEqualTo("lkt_Ab…x9");
    }

    @Test
    void digestsCompareByValue() {
        assertThat(OpaqueTokens.digestsEqual("ab", "ab")).isTrue();
        assertThat(OpaqueTokens.digestsEqual("ab", "ac")).isFalse();
        assertThat(OpaqueTokens.digestsEqual(null, "ac")).isFalse();
    }
}
