package dev.palo.services.auth;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The dashboard's sign-in with an organisation's OIDC provider ({@code palo.auth.oidc.*}, the auth group of
 * {@link dev.palo.services.settings.PaloSettings}); unset, the login page offers the token paste only (the embedded
 * default). Verifying the provider's tokens is SmallRye JWT's part: point {@code PALO_AUTH_ISSUER} at the same issuer
 * and {@code PALO_AUTH_PUBLIC_KEY} at its JWKS URL.
 */
public interface OidcSettings {
    /** The provider's issuer URL; its discovery document is {@code <issuer>/.well-known/openid-configuration}. */
    Optional<String> issuer();

    /** The dashboard's client id at the provider. */
    Optional<String> clientId();

    /**
     * The client secret by NAME, from the operator's allow-list ({@code PALO_SECRET_<NAME>} or the secrets folder),
     * bound to the token endpoint's origin like any secret; none: a public client (PKCE alone).
     */
    Optional<String> clientSecretName();

    /** Or the client secret in a file (a mounted secret). */
    Optional<String> clientSecretFile();

    /** Where the provider sends the browser back; left out, {@code <this app>/login/oidc/callback}. */
    Optional<String> redirectUrl();

    /** The name on the login page's button: "Sign in with …". */
    @WithDefault("your organisation")
    String providerName();

    @WithDefault("openid profile email")
    String scopes();

    default boolean enabled() {
        return issuer().isPresent() && clientId().isPresent();
    }
}
