package dev.palo.services.support;

import dev.palo.services.auth.Roles;
import dev.palo.services.auth.SigningKeys;
import dev.palo.services.auth.TokenIssuer;
import io.restassured.RestAssured;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tokens the app under test accepts: signed with the key pair in the test resources, whose public half the test
 * profile verifies with ({@code %test.mp.jwt.verify.publickey.location}).
 */
public final class Tokens {
    private static final TokenIssuer ISSUER;

    static {
        try {
            ISSUER = new TokenIssuer(SigningKeys.readPrivate(Path.of(Objects.requireNonNull(
                    Tokens.class.getResource("/auth/test-jwt-private.pem")).toURI())), TokenIssuer.EMBEDDED_ISSUER);
        } catch (URISyntaxException | java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the test signing key is missing from the test resources", e);
        }
    }

    private Tokens() {
    }

    public static String of(String user, String role, String... languages) {
        return of(user, role, Duration.ofHours(1), languages);
    }

    public static String of(String user, String role, Duration ttl, String... languages) {
        return ISSUER.issue(user, Set.of(role), List.of(languages), ttl);
    }

    /**
     * Every RestAssured call of the tests carries an admin token unless it sets its own Authorization header; a blank
     * one means no token at all. A filter, not a default request specification: a specification would also pin the
     * port before Quarkus sets it.
     */
    public static void sendAdminByDefault() {
        String admin = "Bearer " + of("it-admin", Roles.ADMIN);
        RestAssured.replaceFiltersWith((request, response, context) -> {
            String given = request.getHeaders().getValue("Authorization");
            if (given == null) {
                request.header("Authorization", admin);
            } else if (given.isBlank()) {
                request.removeHeader("Authorization");
            }
            return context.next(request, response);
        });
    }
}
