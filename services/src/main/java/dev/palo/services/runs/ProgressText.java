package dev.palo.services.runs;

import dev.palo.services.ui.ProgressBar;
import java.time.Instant;
import java.util.stream.Collectors;

/** A run as a few terminal lines, one per language × stage: what {@code palo run} redraws. */
public final class ProgressText {
    private ProgressText() {
    }

    public static String render(RunDetail run) {
        return render(run, Instant.now());
    }

    /** The run as it reads at {@code now} (the ETAs' clock). */
    static String render(RunDetail run, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("run %s  %s  (%s from %s)%n", run.id(), run.status(),
                run.languages().stream().map(LanguageProgress::language).collect(Collectors.joining(",")), run.source()));
        for (StageProgress stage : run.stages()) {
            text.append(String.format("  %-26s %-10s%s%n", stage.title(), state(stage), details(stage, now)));
        }
        for (LanguageProgress language : run.languages()) {
            text.append(String.format("  %-4s %-10s%s%n", language.language(), language.status(),
                    language.failure() == null ? "" : "  " + language.failure()));
            for (String warning : language.warnings()) {
                text.append("       warning: ").append(warning).append(System.lineSeparator());
            }
            for (StageProgress stage : language.stages()) {
                text.append(String.format("         %-12s %-10s%s%n", stage.stage(), state(stage), details(stage, now)));
            }
        }
        if (run.failure() != null) {
            text.append("  failure: ").append(run.failure()).append(System.lineSeparator());
        }
        text.append("  MLflow:   ").append(run.links().mlflow()).append(System.lineSeparator());
        text.append("  Temporal: ").append(run.links().temporal()).append(System.lineSeparator());
        return text.toString();
    }

    /** WAITING for a running stage that no worker lane has taken yet, its status otherwise. */
    private static String state(StageProgress stage) {
        return stage.waitingForLane() ? "WAITING" : stage.status();
    }

    private static String details(StageProgress stage, Instant now) {
        StringBuilder details = new StringBuilder();
        if (stage.waitingForLane()) {
            details.append("  for a worker lane since ").append(stage.waitingSince());
        }
        if (!stage.queued().isBlank()) {
            details.append("  ").append(stage.queued()).append(" for a worker lane");
        }
        if (Boolean.TRUE.equals(stage.cacheHit())) {
            details.append("  cache hit");
        }
        // the dashboard's progress bar as text: counts, percent and ETA, not the heartbeat's JSON
        ProgressBar bar = ProgressBar.of(stage, now);
        String counted = bar == null ? "" : bar.line();
        if (!counted.isBlank()) {
            details.append("  progress ").append(counted);
        } else if (stage.heartbeat() != null) {
            details.append("  progress ").append(stage.heartbeat());
        }
        if (stage.attempt() != null && stage.attempt() > 1) {
            details.append("  attempt ").append(stage.attempt());
        }
        if (stage.chrf() != null) {
            details.append(String.format("  chrF %.1f", stage.chrf()));
        }
        if (stage.failure() != null) {
            details.append("  failed: ").append(stage.failure());
        }
        if (stage.lastFailure() != null) {
            details.append("  last failure: ").append(stage.lastFailure());
        }
        return details.toString();
    }
}
