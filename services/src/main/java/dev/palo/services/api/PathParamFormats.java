package dev.palo.services.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the ids that path parameters carry before any resource uses them, so that a run id, a language code or a
 * task id never reaches Temporal or an object key in a shape it could not have (a '..', a slash, 5,000 characters):
 * such a request is a 400 that names the parameter and its format.
 */
public class PathParamFormats {
    /** Run ids are {@code run-<time>-<hex>} when the API makes them; workflow ids in general are kept this simple. */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    /** ISO 639 codes as the language registry writes them, with an optional region or script tag. */
    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    /** A stage's cache key: hex digits (the validate stage's quarantine is addressed by it). */
    static final Pattern CACHE_KEY = Pattern.compile("[0-9a-f]{8,64}");
    private static final Map<String, Pattern> FORMATS = Map.of("id", RUN_ID, "language", LANGUAGE, "taskId", TASK_ID,
            "cacheKey", CACHE_KEY);
    private static final int SHOWN = 80;

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, UriInfo uri) {
        for (Map.Entry<String, java.util.List<String>> param : uri.getPathParameters().entrySet()) {
            Pattern format = FORMATS.get(param.getKey());
            if (format == null) {
                continue;
            }
            for (String value : param.getValue()) {
                if (!format.matcher(value).matches()) {
                    return Optional.of(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                            .entity(new ApiError("path parameter " + param.getKey() + " '" + shown(value)
                                    + "' does not have its format " + format.pattern())).build());
                }
            }
        }
        return Optional.empty();
    }

    private static String shown(String value) {
        String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "… (" + value.length() + " characters)" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
