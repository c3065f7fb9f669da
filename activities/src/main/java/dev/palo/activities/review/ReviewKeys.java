package dev.palo.activities.review;

import dev.palo.workflows.review.ReviewActivities;

/** Object-store keys of one run's review of one language, outside any cache key: decisions belong to the run. */
final class ReviewKeys {
    private static final String VERSION_PREFIX = "v";
    private static final String SUFFIX = ".json";

    private ReviewKeys() {
    }

    /** {@code runs/<runId>/review/<lang>/corrections/} */
    static String corrections(String runId, String language) {
        return "runs/" + runId + "/" + ReviewActivities.STAGE + "/" + language + "/corrections/";
    }

    /** {@code runs/<runId>/review/<lang>/window.json}: when the review closes, fixed at its first opening. */
    static String window(String runId, String language) {
        return "runs/" + runId + "/" + ReviewActivities.STAGE + "/" + language + "/window.json";
    }

    /** {@code runs/<runId>/review/<lang>/corrections/<taskId>/v<n>.json} */
    static String decision(String runId, String language, String taskId, int version) {
        return corrections(runId, language) + taskId + "/" + VERSION_PREFIX + version + SUFFIX;
    }

    /** The version of a decision key, parsed as a number so that v10 comes after v9. */
    static int version(String decisionKey) {
        String name = decisionKey.substring(decisionKey.lastIndexOf('/') + 1);
        return Integer.parseInt(name.substring(VERSION_PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** The task id of a decision key. */
    static String taskId(String decisionKey) {
        String folder = decisionKey.substring(0, decisionKey.lastIndexOf('/'));
        return folder.substring(folder.lastIndexOf('/') + 1);
    }
}
