package dev.palo.services.auth;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The dashboard's login for the embedded default: the user pastes a token ({@code ./palo token …}); it is kept in an
 * HttpOnly, SameSite=Strict cookie that the app verifies like a bearer header on every page. With an organisation's
 * OIDC provider configured, the page also offers its sign-in ({@link OidcLoginResource}), which ends in the same cookie.
 */
@Path("/login")
@PermitAll
public class LoginResource {
    public static final String COOKIE = "palo_token";

    @Inject
    @Location("login.html")
    Template login;
    @Inject
    OidcLogin oidc;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return page(login, null, oidc);
    }

    /** The login page with an error or none, and the provider's sign-in button when one is configured. */
    static TemplateInstance page(Template login, String error, OidcLogin oidc) {
        return login.data("error", error).data("oidc", oidc.enabled() ? oidc.providerName() : null);
    }

    /** Stores the token as the session cookie; the next page verifies it, and a bad token comes back here. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@RestForm String token) {
        String value = token == null ? "" : token.strip();
        if (!value.matches("[A-Za-z0-9_.-]{20,8192}")) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(page(login, "That is not a token: paste the whole output of ./palo token", oidc)).build();
        }
        return Response.seeOther(URI.create("/")).cookie(tokenCookie(value, -1)).build();
    }

    @POST
    @Path("/out")
    public Response logout() {
        return Response.seeOther(URI.create("/login")).cookie(tokenCookie("", 0)).build();
    }

    /** The session cookie, whichever way the token came. */
    static NewCookie tokenCookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).maxAge(maxAge)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
