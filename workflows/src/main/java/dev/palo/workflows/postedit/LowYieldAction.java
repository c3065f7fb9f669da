package dev.palo.workflows.postedit;

/** What a language does when too few of its translated records pass QA ({@link QaConfig#minUsableShare}). */
public enum LowYieldAction {
    /** The language fails with its QA counts in the message; the run fails with it. */
    FAIL,
    /** The language goes on with what it has; the warning is kept in its result, the API and MLflow. */
    WARN
}
