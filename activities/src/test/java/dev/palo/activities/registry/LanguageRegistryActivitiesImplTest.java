package dev.palo.activities.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TargetLanguage;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageRegistryActivitiesImplTest {
    private final LanguageRegistry registry = LanguageRegistry.palo();
    private final LanguageRegistryActivitiesImpl activities = new LanguageRegistryActivitiesImpl(registry);

    @Test
    void resolvesCodesToTheRegistrysNamesInOrder() {
        assertEquals(List.of(new TargetLanguage("hi", registry.get("hi").name()),
                        new TargetLanguage("ar", registry.get("ar").name())),
                activities.resolveTargets(List.of("hi", "ar")));
    }

    @Test
    void unknownCodesFailNonRetryablyNamingThemAndTheKnownOnes() {
        ApplicationFailure failure = assertThrows(ApplicationFailure.class,
                () -> activities.resolveTargets(List.of("ar", "xx", "klingon")));
        assertEquals(FailureTypes.UNKNOWN_LANGUAGE, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertTrue(failure.getOriginalMessage().contains("[xx, klingon]"), failure.getOriginalMessage());
        assertTrue(failure.getOriginalMessage().contains(registry.codes().toString()), failure.getOriginalMessage());
    }

    @Test
    void englishIsTheSourceNotATarget() {
        ApplicationFailure failure = assertThrows(ApplicationFailure.class,
                () -> activities.resolveTargets(List.of("en", "ar")));
        assertEquals(FailureTypes.INVALID_INPUT, failure.getType());
        assertTrue(failure.isNonRetryable());
    }
}
