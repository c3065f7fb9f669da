package dev.palo.workflows.study;

/**
 * One run of a study's recipe: the seeds it differs by and its pipeline run (a child workflow of the study).
 *
 * @param finetuneSeed the LoRA fine-tune's seed ({@code TrainingSettings.seed}: data order and dropout of both arms)
 * @param dataSeed     the dataset-build's shuffle seed ({@code DatasetConfig.seed}: the order of both arms' records)
 * @param runId        the child pipeline's run id, {@link #runId(String, long, long)}
 */
public record StudyMember(long finetuneSeed, long dataSeed, String runId) {
    /** Fixed by the study and the seeds, so a study that resumes finds the runs it started, never starts them twice. */
    public static String runId(String studyId, long finetuneSeed, long dataSeed) {
        return studyId + "-ft" + finetuneSeed + "-data" + dataSeed;
    }
}
