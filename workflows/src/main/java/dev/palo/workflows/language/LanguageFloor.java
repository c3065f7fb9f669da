package dev.palo.workflows.language;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language's floor: the share of its translated records that passed QA after its last post-edit must reach
 * {@link QaConfig#minUsableShare}, or the language would silently add (almost) nothing to the PALO arm, as when an
 * endpoint echoes English and QA flags every record.
 */
final class LanguageFloor {
    private LanguageFloor() {
    }

    /**
     * A message with the QA counts when the language is below its floor; empty when it is not, or when no post-edit
     * counted its samples.
     */
    static Optional<String> shortfall(String language, QaConfig qa, List<StageResult> stages) {
        StageResult last = null;
        for (StageResult stage : stages) {
            if (stage.stage().equals(PostEditActivities.STAGE)) {
                last = stage;
            }
        }
        if (last == null || qa.minUsableShare() <= 0 || !last.metrics().containsKey("samples")) {
            return Optional.empty();
        }
        double samples = last.metrics().get("samples");
        double corrupt = last.metrics().getOrDefault("corrupt", 0.0);
        double usable = samples - corrupt;
        if (samples > 0 && usable / samples >= qa.minUsableShare()) {
            return Optional.empty();
        }
        StringBuilder counts = new StringBuilder();
        last.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().startsWith("qa.") && metric.getValue() > 0)
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(metric -> counts.append(counts.length() == 0 ? "" : ", ").append(metric.getKey()).append(' ')
                        .append(Math.round(metric.getValue())));
        return Optional.of(String.format(Locale.ROOT, "%s: only %d of %d translated records passed QA (%.0f%%), below"
                        + " the floor of %.0f%% (qa.minUsableShare); QA flags: %s", language, Math.round(usable),
                Math.round(samples), samples == 0 ? 0.0 : 100 * usable / samples, 100 * qa.minUsableShare(),
                counts.length() == 0 ? "none" : counts));
    }
}
