package dev.palo.services.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.palo.activities.llm.SecretNotAllowedException;
import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.services.settings.PaloSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The authorization-code flow with PKCE against the configured OIDC provider, with the Nimbus OAuth 2.0 SDK: the
 * provider's endpoints from its discovery document, a fresh state, nonce and code verifier per sign-in (kept in the
 * browser's short-lived, HttpOnly flow cookie), and the code exchanged for the provider's ID token, which the
 * dashboard then keeps as its session token.
 */
@ApplicationScoped
public class OidcLogin {
    /** What a sign-in must remember until the provider sends the browser back. */
    public record Flow(State state, CodeVerifier verifier, Nonce nonce) {
        private static final String SEPARATOR = "~";

        String cookie() {
            return state.getValue() + SEPARATOR + verifier.getValue() + SEPARATOR + nonce.getValue();
        }

        static Flow of(String cookie) {
            String[] parts = cookie == null ? new String[0] : cookie.split(SEPARATOR, -1);
            if (parts.length != 3) {
                throw new SignInFailed("the sign-in expired or was started in another browser: sign in again");
            }
            return new Flow(new State(parts[0]), new CodeVerifier(parts[1]), new Nonce(parts[2]));
        }
    }

    /** A sign-in that did not end with a token; its message is for the person on the login page. */
    public static final class SignInFailed extends RuntimeException {
        SignInFailed(String message) {
            super(message);
        }
    }

    @Inject
    PaloSettings config;
    /** The operator's secrets, for a client secret named by the allow-list. */
    @Inject
    WorkerEnvironment environment;
    private volatile OIDCProviderMetadata provider;

    private OidcSettings settings() {
        return config.auth().oidc();
    }

    public boolean enabled() {
        return settings().enabled();
    }

    public String providerName() {
        return settings().providerName();
    }

    /** The provider's authorization URL for a new sign-in, and the flow to remember. */
    public AuthenticationRequest begin(Flow flow, URI callback) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(settings().scopes()),
                new ClientID(settings().clientId().orElseThrow()), redirect(callback))
                .endpointURI(provider().getAuthorizationEndpointURI()).state(flow.state()).nonce(flow.nonce())
                .codeChallenge(flow.verifier(), CodeChallengeMethod.S256).build();
    }

    public static Flow newFlow() {
        return new Flow(new State(), new CodeVerifier(), new Nonce());
    }

    /** Exchanges the code the provider sent back for its ID token (serialized), after checking state and nonce. */
    public String finish(String code, String state, String flowCookie, URI callback) {
        Flow flow = Flow.of(flowCookie);
        if (state == null || code == null || !flow.state().getValue().equals(state)) {
            throw new SignInFailed("the provider's answer does not belong to this sign-in: sign in again");
        }
        OIDCProviderMetadata metadata = provider();
        URI tokenEndpoint = metadata.getTokenEndpointURI();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirect(callback),
                flow.verifier());
        ClientID client = new ClientID(settings().clientId().orElseThrow());
        String secret = clientSecret(tokenEndpoint);
        TokenRequest request = secret == null ? new TokenRequest(tokenEndpoint, client, grant)
                : new TokenRequest(tokenEndpoint, new ClientSecretBasic(client, new Secret(secret)), grant);
        try {
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                throw new SignInFailed("the provider refused the sign-in: "
                        + response.toErrorResponse().getErrorObject().getDescription());
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            // the token came straight from the token endpoint; its signature and issuer are checked on every request
            if (!flow.nonce().getValue().equals(idToken.getJWTClaimsSet().getStringClaim("nonce"))) {
                throw new SignInFailed("the provider's ID token does not answer this sign-in: sign in again");
            }
            return idToken.serialize();
        } catch (IOException | ParseException | java.text.ParseException e) {
            throw new SignInFailed("the provider's token endpoint did not answer usably: " + e.getMessage());
        }
    }

    private URI redirect(URI callback) {
        return settings().redirectUrl().map(URI::create).orElse(callback);
    }

    /** The discovery document, read once; a provider that is down is retried at the next sign-in. */
    private OIDCProviderMetadata provider() {
        OIDCProviderMetadata metadata = provider;
        if (metadata == null) {
            try {
                metadata = OIDCProviderMetadata.resolve(new Issuer(settings().issuer().orElseThrow()));
            } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
                throw new SignInFailed("the sign-in provider " + settings().issuer().orElseThrow()
                        + " cannot be reached: " + e.getMessage());
            }
            provider = metadata;
        }
        return metadata;
    }

    /** The client secret, by allow-listed name (bound to the token endpoint) or from a file; null for none. */
    private String clientSecret(URI tokenEndpoint) {
        try {
            if (settings().clientSecretName().isPresent()) {
                String name = settings().clientSecretName().get();
                return environment.apiKeys().resolve(name, tokenEndpoint.toString())
                        .orElseThrow(() -> new SignInFailed("the client secret " + name + " has no value here"));
            }
            if (settings().clientSecretFile().isPresent()) {
                return Files.readString(Path.of(settings().clientSecretFile().get()), StandardCharsets.UTF_8).strip();
            }
            return null;
        } catch (IOException | SecretNotAllowedException e) {
            throw new SignInFailed("the client secret cannot be used: " + e.getMessage());
        }
    }
}
