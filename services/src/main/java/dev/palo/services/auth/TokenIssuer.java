package dev.palo.services.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Signs the embedded default's tokens: a user, roles as {@code groups}, a reviewer's languages, an expiry. */
public final class TokenIssuer {
    /** The issuer the embedded default's tokens carry and the app expects ({@code PALO_AUTH_ISSUER}). */
    public static final String EMBEDDED_ISSUER = "palo-embedded";
    private static final Set<String> KNOWN = Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER);

    private final PrivateKey key;
    private final String issuer;

    public TokenIssuer(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public String issue(String user, Set<String> roles, List<String> languages, Duration ttl) {
        if (user == null || !user.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("user must be 1-100 letters, digits, '.', '_', '@' or '-', got " + user);
        }
        if (roles.isEmpty() || !KNOWN.containsAll(roles)) {
            throw new IllegalArgumentException("roles must be among " + KNOWN + ", got " + roles);
        }
        if (roles.contains(Roles.REVIEWER) && languages.isEmpty()) {
            throw new IllegalArgumentException("a reviewer token names the languages it may review");
        }
        JwtClaimsBuilder claims = Jwt.issuer(issuer).upn(user).subject(user).groups(roles).expiresIn(ttl);
        if (!languages.isEmpty()) {
            claims.claim(Roles.LANGUAGES_CLAIM, languages);
        }
        return claims.jws().sign(key);
    }
}
