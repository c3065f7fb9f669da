package dev.palo.workflows.language;

/**
 * One step of a language pipeline. Called from workflow code, so implementations only call
 * activities. A new stage is one more implementation appended to the pipeline's list.
 */
interface LanguageStage {
    /** The stage's tracking-run name: unique within a language's pipeline. */
    String name();

    /** Runs the stage on the job's progress; returns the job with the stage's result appended. */
    LanguageJob run(LanguageJob job, String stageTrackingRunId);

    /** Whether the stage's output is a translation whose quality is worth measuring. */
    boolean producesTranslation();

    /** The work this stage will do for {@code job}, in {@link #unit()}s, as its heartbeat counts it; 0 when unknown. */
    default long total(LanguageJob job) {
        return 0;
    }

    /** What {@link #total} counts; null when the stage reports no progress. */
    default String unit() {
        return null;
    }
}
