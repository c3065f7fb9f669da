package dev.palo.services.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.services.runs.StartRunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The demo's run request (a file such as services/demo-run.json) on PALO-mini of a size, for some languages. */
final class DemoRequests {
    private DemoRequests() {
    }

    /** {@code languages} null: the request's own, or the registry's default set. */
    static StartRunRequest read(Path file, String size, List<String> languages) throws IOException {
        return read(file, size, languages, false);
    }

    /** With {@code stepMatchedBaseline}, the request's training asks for the step-matched baseline control. */
    static StartRunRequest read(Path file, String size, List<String> languages, boolean stepMatchedBaseline)
            throws IOException {
        ObjectNode body = (ObjectNode) ApiClient.JSON.readTree(file.toFile());
        if (stepMatchedBaseline) {
            ObjectNode training = body.has("training") ? (ObjectNode) body.get("training") : body.putObject("training");
            training.put("stepMatchedBaseline", true);
        }
        body.put("data", "mini:" + size);
        if (languages != null) {
            ArrayNode codes = body.putArray("languages");
            languages.forEach(codes::add);
        }
        // the API's own request record: a field it does not know fails here, before anything starts
        return ApiClient.JSON.readerFor(StartRunRequest.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
    }
}
