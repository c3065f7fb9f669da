package dev.palo.activities.translation.tune;

import dev.palo.activities.storage.StageLocation;
import dev.palo.model.translator.TranslationPair;
import dev.palo.workflows.translation.tune.TuneRequest;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.util.List;

/** One tune backend: turns corrected pairs into a tuned translator, resuming what an earlier attempt began. */
interface TranslatorTuner {
    /**
     * @param location where the stage writes (checkpoints, files), derived from its inputs only
     * @param pairs    at least one pair
     */
    TunedTranslator tune(TuneRequest request, StageLocation location, List<TranslationPair> pairs,
                         ActivityExecutionContext context) throws IOException;

    /** What decides the tuned translator, besides the pairs: part of the stage's cache key. */
    String identity(TuneRequest request);
}
