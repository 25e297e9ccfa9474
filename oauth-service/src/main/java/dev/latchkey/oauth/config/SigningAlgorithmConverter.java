package dev.latchkey.oauth.config;

import dev.latchkey.oauth.crypto.SigningAlgorithm;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@code latchkey.oauth.keys.algorithm}: the JWS name exactly ({@code ES256}, {@code EdDSA}). Anything else fails
 * the configuration, hence start-up, with a message naming the accepted values.
 */
public class SigningAlgorithmConverter implements Converter<SigningAlgorithm> {
    @Override
    public SigningAlgorithm convert(String value) {
        return SigningAlgorithm.of(value.trim());
    }
}
