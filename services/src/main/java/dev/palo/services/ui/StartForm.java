package dev.palo.services.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.services.runs.RunTrigger;
import dev.palo.services.runs.StartRunRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start forms' fields as the API's request body, converted by the API's own JSON mapper: the forms start runs and
 * studies exactly as {@code POST /api/runs}, {@code POST /api/studies}, {@code palo run} and {@code palo study} do,
 * and get the same refusals.
 */
@ApplicationScoped
public class StartForm {
    @Inject
    ObjectMapper json;

    StartRunRequest request(List<String> languages, String data, String source, String translator,
                            String translateUrl, String model, String training, String priority) {
        Map<String, Object> body = common(languages, data, source, priority);
        if ("local".equals(translator)) {
            body.put("translator", Map.of("backend", "local"));
        } else if (present(translateUrl) || present(model)) {
            Map<String, Object> translate = new LinkedHashMap<>();
            translate.put("baseUrl", blankToNull(translateUrl));
            translate.put("model", blankToNull(model));
            body.put("translate", translate);
        }
        if ("on".equals(training)) {
            body.put("training", Map.of());
        }
        return json.convertValue(body, StartRunRequest.class);
    }

    /**
     * The study form's recipe: the run form's request with the local translator and training (the PALO-mini
     * defaults), the baseline step-matched where {@code stepMatched} is {@code on}.
     */
    StartRunRequest studyRecipe(List<String> languages, String data, String source, String priority,
                                String stepMatched) {
        Map<String, Object> body = common(languages, data, source, priority);
        body.put("translator", Map.of("backend", "local"));
        body.put("training", "on".equals(stepMatched) ? Map.of("stepMatchedBaseline", true) : Map.of());
        return json.convertValue(body, StartRunRequest.class);
    }

    private static Map<String, Object> common(List<String> languages, String data, String source, String priority) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trigger", RunTrigger.DASHBOARD.name());
        body.put("languages", languages == null ? List.of() : new ArrayList<>(languages));
        if (present(source)) {
            body.put("source", source.trim());
        } else if (present(data)) {
            body.put("data", data.trim());
        }
        if (present(priority)) {
            body.put("priority", priority.trim());
        }
        return body;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return present(value) ? value.trim() : null;
    }
}
