package dev.palo.services;

import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.start;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.testing.HostileChatServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/runs} refuses, before anything starts, a secret the operator did not allow or did
 * not bind to the run's endpoint (the test profile binds {@code palo-it-key} to http://127.0.0.1:9),
 * and the listener the run points at receives nothing.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class SecretBindingApiIT {
    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;

    private Map<String, Object> requestWith(String baseUrl, String secret) {
        Map<String, Object> request = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        @SuppressWarnings("unchecked")
        Map<String, Object> translate = (Map<String, Object>) request.get("translate");
        translate.put("baseUrl", baseUrl);
        translate.put("apiKeySecret", secret);
        return request;
    }

    @Test
    void aBoundSecretPointedAtAnotherListenerIsRefusedAndTheListenerHearsNothing() throws Exception {
        try (HostileChatServer listener = new HostileChatServer(
                HostileChatServer.Settings.fixedLatency(Duration.ofMillis(1), 4))) {
            start(requestWith(listener.baseUrl(), "palo-it-key")).statusCode(400)
                    .body("error", containsString("translate.apiKeySecret"))
                    .body("error", containsString("may only be sent to [http://127.0.0.1:9]"));
            Thread.sleep(1_000);
            assertEquals(0, listener.requests());
        }
    }

    @Test
    void secretsOffTheAllowListAndWorkerVariablesAreNeverSelectable() {
        for (String name : List.of("HOME", "PALO_S3_SECRET_KEY", "OPENAI_API_KEY")) {
            start(requestWith("http://127.0.0.1:9/v1", name)).statusCode(400)
                    .body("error", containsString("'" + name + "' is not on this platform's allow-list"))
                    .body("error", not(containsString("palo-local-secret")));
        }
    }

    @Test
    void theFineTuningKeyIsCheckedToo() {
        Map<String, Object> request = requestWith(chatUrl.toString(), null);
        request.put("tune", Map.of("openai", Map.of("baseUrl", "https://elsewhere.example/v1",
                "apiKeySecret", "palo-it-key", "epochs", 1, "pollInterval", "PT1S")));
        start(request).statusCode(400).body("error", containsString("tune.openai.apiKeySecret"));
    }
}
