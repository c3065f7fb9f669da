package dev.palo.workflows.translation.tune;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.translation.translate.TranslatorRef;

/**
 * @param translator the tuned translator, for the re-translate stage
 * @param stage      the stage's result; its output is {@code translator.json}, the translator as stored
 */
public record TuneResult(TranslatorRef translator, StageResult stage) {
}
