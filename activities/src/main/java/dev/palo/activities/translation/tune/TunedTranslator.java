package dev.palo.activities.translation.tune;

import dev.palo.workflows.translation.translate.TranslatorRef;
import java.util.Map;

/**
 * @param translator the tuned translator
 * @param metrics    the backend's summary figures (trained tokens, steps, final loss…)
 */
record TunedTranslator(TranslatorRef translator, Map<String, Double> metrics) {
}
