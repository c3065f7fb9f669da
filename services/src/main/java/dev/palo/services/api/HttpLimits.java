package dev.palo.services.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP layer's own refusals as JSON messages like every other error: a body over
 * {@code quarkus.http.limits.max-body-size} is refused with 413 from its declared length before a byte of it is
 * read, and a body that outgrows the limit while streaming gets the same message instead of an empty 413.
 */
@ApplicationScoped
public class HttpLimits {
    private static final int TOO_LARGE = 413;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBody;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
        router.errorHandler(TOO_LARGE, this::tooLarge);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > maxBody.asLongValue()) {
            tooLarge(context);
            return;
        }
        context.next();
    }

    private void tooLarge(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(TOO_LARGE).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(new JsonObject().put("error", "request body over the limit of " + maxBody.asLongValue()
                        + " bytes (quarkus.http.limits.max-body-size)").encode());
    }
}
