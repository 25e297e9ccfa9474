package dev.latchkey.oauth.crypto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * BouncyCastle's Ed25519 for a native image: the provider loads its algorithm mappings and implementations by class
 * name, and quarkus-security registers only its AES, EC, RSA and DRBG ones (Quarkus 3.34). Not needed on the JVM.
 */
@RegisterForReflection(classNames = {
        "org.bouncycastle.jcajce.provider.asymmetric.EdEC",
        "org.bouncycastle.jcajce.provider.asymmetric.EdEC$Mappings",
        "org.bouncycastle.jcajce.provider.asymmetric.edec.KeyFactorySpi$Ed25519",
        "org.bouncycastle.jcajce.provider.asymmetric.edec.KeyFactorySpi$EdDSA",
        "org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi$Ed25519",
        "org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi$EdDSA"})
final class NativeReflection {
    private NativeReflection() {
    }
}
