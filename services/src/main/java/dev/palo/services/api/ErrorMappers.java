package dev.palo.services.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns request errors into {@link ApiError} answers with the cause's own message. */
public class ErrorMappers {

    /** Also a value a record's constructor rejects: Quarkus hands it over wrapped in a bare 400. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        return error(e.getResponse().getStatus(), e.getMessage());
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
