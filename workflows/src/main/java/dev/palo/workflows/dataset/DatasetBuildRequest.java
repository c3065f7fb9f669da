package dev.palo.workflows.dataset;

import java.util.List;
import java.util.stream.Stream;

/**
 * One arm's dataset build. Both arms take the same request shape; the arm picks the sets used.
 *
 * @param runId         pipeline run id (first part of every output key)
 * @param arm           {@code BASELINE} reads {@code english} only, {@code PALO} also every translation
 * @param english       the English instruction set
 * @param translations  one set per target language (ignored by the baseline arm)
 * @param config        shuffle seed and shard size
 * @param trackingRunId MLflow run of this stage (receives the dataset index as a report)
 */
public record DatasetBuildRequest(String runId, DatasetArm arm, LanguageSet english, List<LanguageSet> translations,
                                  DatasetConfig config, String trackingRunId) {
    public DatasetBuildRequest {
        translations = translations == null ? List.of() : List.copyOf(translations);
    }

    /** The sets this arm reads, English first. */
    public List<LanguageSet> sets() {
        return arm == DatasetArm.PALO
                ? Stream.concat(Stream.of(english), translations.stream()).toList()
                : List.of(english);
    }
}
