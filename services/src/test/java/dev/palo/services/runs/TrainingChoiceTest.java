package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.evaluate.ScorerConfig;
import org.junit.jupiter.api.Test;

class TrainingChoiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void evaluateScoresTheTestBenchWithTheContentScorerUnlessTheRequestSaysOtherwise() throws Exception {
        TrainingChoice choice = JSON.readValue("{}", TrainingChoice.class);
        assertEquals(TrainingChoice.TEST_BENCH, choice.bench());
        assertFalse(choice.onValidationBench());
        assertEquals(ScorerConfig.CONTENT, choice.evaluateOrDefault().scorer().kind());
        assertTrue(JSON.readValue("{\"bench\": \"Validation\"}", TrainingChoice.class).onValidationBench());
    }

    @Test
    void anUnknownBenchIsRejectedNamingTheChoices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TrainingChoice(null, null, null, null, null, "train", null));
        assertTrue(error.getMessage().contains("'test' or 'validation'"), error.getMessage());
    }
}
