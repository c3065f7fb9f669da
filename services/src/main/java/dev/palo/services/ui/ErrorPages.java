package dev.palo.services.ui;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * What a dashboard page shows when its call fails: the API's own message with its status (an unknown run is
 * "not found"), as a whole page or, for an htmx fragment, as the message alone.
 */
@ApplicationScoped
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @Location("error.html")
    Template page;
    @Location("message.html")
    Template message;

    Response render(boolean fragment, Throwable error) {
        if (error instanceof UnauthorizedException || error instanceof AuthenticationFailedException) {
            // no token, or one that did not verify: to the login (htmx follows HX-Redirect for a fragment)
            return fragment ? Response.status(401).header("HX-Redirect", "/login").build()
                    : Response.seeOther(URI.create("/login")).build();
        }
        int status;
        String text;
        if (error instanceof io.quarkus.security.ForbiddenException) {
            status = Response.Status.FORBIDDEN.getStatusCode();
            text = "your role may not do this";
        } else if (error instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
            text = error.getMessage();
        } else if (error instanceof IllegalArgumentException) {
            status = Response.Status.BAD_REQUEST.getStatusCode();
            text = rootMessage(error);
        } else {
            LOG.warn("dashboard request failed", error);
            status = Response.Status.INTERNAL_SERVER_ERROR.getStatusCode();
            text = "the platform could not answer: " + rootMessage(error);
        }
        String title = error instanceof NotFoundException ? "Not found" : "Error " + status;
        String body = fragment ? message.data("kind", "error").data("text", text).data("href", null).render()
                : page.data("code", status).data("title", title).data("text", text).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
