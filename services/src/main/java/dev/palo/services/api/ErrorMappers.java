package dev.palo.services.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.palo.activities.storage.InvalidObjectKeyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns request errors into {@link ApiError} answers with the cause's own message. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** Also a value a record's constructor rejects: Quarkus hands it over wrapped in a bare 400. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        if (e.getResponse().hasEntity()) {
            return e.getResponse();  // built with its own message and headers (a 429's Retry-After)
        }
        return error(e.getResponse().getStatus(), e.getMessage());
    }

    /**
     * No token, or one that does not verify (wrong signature, expired, another issuer): a page of the dashboard goes
     * to the login, anything else gets a 401 that says what is needed.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(HttpHeaders headers, UriInfo uri) {
        // a browser asks for text/html by name; an API client's */* is no page
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        boolean page = !uri.getPath().startsWith("/api/") && accept != null && accept.contains(MediaType.TEXT_HTML)
                && headers.getHeaderString("HX-Request") == null;
        if (page) {
            return Response.seeOther(URI.create("/login")).build();
        }
        return Response.status(401).type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", "Bearer")
                .entity(new ApiError("a valid bearer token is required (Authorization: Bearer …; the embedded"
                        + " platform issues one with ./palo token); none was sent, or it did not verify"
                        + " (signature, issuer, expiry)")).build();
    }

    /** A verified token whose roles do not allow the call (see the README's role table). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri, Request request) {
        return error(403, "the token's roles do not allow " + request.getMethod() + " /" + uri.getPath()
                .replaceFirst("^/", ""));
    }

    /** Malformed JSON, or a value a record's constructor rejects. */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")) : "";
        String reason = e instanceof UnrecognizedPropertyException
                ? "unknown field (secrets are passed only as the NAME of an env variable or secret file, in translate.apiKeySecret)"
                : rootMessage(e);
        return error(400, "invalid request body" + (field.isEmpty() ? "" : " at '" + field + "'") + ": " + reason);
    }

    /** A wrong type or an unknown field; declared apart because Quarkus maps this subtype itself. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    /** A key built from a request (a source URI, a dataset name) that no object key may have. */
    @ServerExceptionMapper
    public Response invalidKey(InvalidObjectKeyException e) {
        return error(400, e.getMessage());
    }

    /**
     * Anything else is the platform's fault, not the caller's: a 500 whose body is a JSON message with an id to find
     * the stack trace in the server log, never the trace itself.
     */
    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "incident %s: unexpected error answering a request", incident);
        return error(500, "internal error (incident " + incident + " in the server log); the request may be retried");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}
