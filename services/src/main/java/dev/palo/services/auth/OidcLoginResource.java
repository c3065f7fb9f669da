package dev.palo.services.auth;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The dashboard's sign-in with the organisation's OIDC provider, when {@code palo.auth.oidc} names one: the login
 * page's button leads here, here leads to the provider, and the provider back to the callback, which keeps the
 * provider's token in the same session cookie as a pasted token. Without the configuration both paths are 404.
 */
@Path("/login/oidc")
@PermitAll
public class OidcLoginResource {
    /** The sign-in in progress: state, code verifier and nonce, for ten minutes, sent back to this path only. */
    static final String FLOW_COOKIE = "palo_oidc_flow";
    private static final int FLOW_SECONDS = 600;

    @Inject
    OidcLogin oidc;
    @Inject
    @Location("login.html")
    Template login;
    @Context
    UriInfo uri;

    @GET
    public Response begin() {
        requireEnabled();
        OidcLogin.Flow flow = OidcLogin.newFlow();
        try {
            URI provider = oidc.begin(flow, callback()).toURI();
            return Response.seeOther(provider).cookie(flowCookie(flow.cookie(), FLOW_SECONDS)).build();
        } catch (OidcLogin.SignInFailed e) {
            return refused(e);
        }
    }

    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @QueryParam("error_description") String description,
                             @CookieParam(FLOW_COOKIE) String flow) {
        requireEnabled();
        try {
            if (error != null) {
                throw new OidcLogin.SignInFailed("the provider refused the sign-in: "
                        + (description != null ? description : error));
            }
            String token = oidc.finish(code, state, flow, callback());
            // a page of this app leads on, so the next request is same-site and carries the SameSite=Strict cookie
            return Response.ok("<!doctype html><meta http-equiv=\"refresh\" content=\"0;url=/\">"
                            + "<title>Signed in</title><p>Signed in: <a href=\"/\">continue</a></p>")
                    .cookie(LoginResource.tokenCookie(token, -1), flowCookie("", 0)).build();
        } catch (OidcLogin.SignInFailed e) {
            return refused(e);
        }
    }

    private Response refused(OidcLogin.SignInFailed e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML_TYPE)
                .entity(LoginResource.page(login, e.getMessage(), oidc).render()).cookie(flowCookie("", 0)).build();
    }

    private void requireEnabled() {
        if (!oidc.enabled()) {
            throw new NotFoundException("no OIDC provider is configured (palo.auth.oidc.issuer, client-id)");
        }
    }

    private URI callback() {
        return uri.getBaseUriBuilder().path("login/oidc/callback").build();
    }

    /** Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it. */
    private static NewCookie flowCookie(String value, int maxAge) {
        return new NewCookie.Builder(FLOW_COOKIE).value(value).path("/login/oidc").httpOnly(true).maxAge(maxAge)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
