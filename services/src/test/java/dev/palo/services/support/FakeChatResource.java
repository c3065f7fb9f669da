package dev.palo.services.support;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible chat endpoint served by the app under test, so runs need no model: it
 * "translates" by tagging the user's text. Model {@link #SLOW_MODEL} answers slowly, giving a
 * test time to cancel a run mid-stage.
 */
@Path("/test-llm/v1/chat/completions")
@PermitAll  // a stand-in for an outside endpoint: the platform's tokens are not its business
public class FakeChatResource {
    public static final String MODEL = "fake";
    public static final String SLOW_MODEL = "fake-slow";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> complete(JsonNode request) throws InterruptedException {
        if (SLOW_MODEL.equals(request.path("model").asText())) {
            Thread.sleep(2_000);
        }
        JsonNode messages = request.path("messages");
        String text = messages.path(messages.size() - 1).path("content").asText();
        return Map.of("choices", List.of(Map.of("index", 0,
                "message", Map.of("role", "assistant", "content", "~" + text))));
    }
}
