package dev.palo.services.runs;

import dev.palo.activities.llm.SecretBindings;
import dev.palo.activities.llm.SecretNotAllowedException;
import dev.palo.workflows.evaluate.ScorerConfig;
import dev.palo.workflows.translation.tune.OpenAiTune;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;

/**
 * Refuses a run whose secrets the operator did not allow for its endpoints, before anything starts:
 * every {@code apiKeySecret} of the request (translate, tune, judge) must be on the allow-list and
 * bound to the origin of the {@code baseUrl} beside it. Workers check again before sending a key.
 * Only bindings are checked here; the values live on the workers.
 */
@ApplicationScoped
public class SecretBindingValidator {
    @Inject
    SecretBindings bindings;

    void check(StartRunRequest request) {
        if (request.translate() != null) {
            check("translate", request.translate().apiKeySecret(), request.translate().baseUrl());
        }
        OpenAiTune tune = request.tune() == null ? null : request.tune().openai();
        if (tune != null) {
            check("tune.openai", tune.apiKeySecret(), tune.baseUrl());
        }
        ScorerConfig judge = request.training() == null || request.training().evaluate() == null ? null
                : request.training().evaluate().scorer();
        if (judge != null) {
            check("training.evaluate.scorer", judge.apiKeySecret(), judge.baseUrl());
        }
    }

    private void check(String field, String secretName, String baseUrl) {
        if (secretName == null) {
            return;
        }
        try {
            bindings.check(secretName, baseUrl);
        } catch (SecretNotAllowedException e) {
            throw new BadRequestException(field + ".apiKeySecret: " + e.getMessage());
        }
    }
}
