package dev.palo.services.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The embedded default's token signing key: an RSA pair in PEM files, made once per installation
 * ({@code PALO_HOME/auth}); the app verifies with the public half, {@code ./palo token} signs with the private one.
 * In production tokens come from the organisation's OIDC provider and this folder is not used.
 */
public final class SigningKeys {
    public static final String PRIVATE_KEY = "jwt-private.pem";
    public static final String PUBLIC_KEY = "jwt-public.pem";
    private static final int BITS = 2048;

    private SigningKeys() {
    }

    /** Creates the pair in {@code folder} unless it exists; the private key readable by its owner only. */
    public static void ensure(Path folder) throws IOException, GeneralSecurityException {
        Path privateKey = folder.resolve(PRIVATE_KEY);
        if (Files.isRegularFile(privateKey) && Files.isRegularFile(folder.resolve(PUBLIC_KEY))) {
            return;
        }
        Files.createDirectories(folder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(BITS);
        KeyPair pair = generator.generateKeyPair();
        Path tmp = Files.createTempFile(folder, "key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.move(tmp, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(folder.resolve(PUBLIC_KEY), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static PrivateKey readPrivate(Path pemFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(pemFile, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
