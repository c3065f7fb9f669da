package dev.palo.workflows;

/**
 * A run's priority, set in its request: Temporal's priority key of the run's workflow, which its child workflows and
 * activities inherit. GPU work shifts its {@link WorkClass} key by the run's, so a high-priority run's training goes
 * before a normal run's queued training, while within each run short work still goes before training.
 */
public enum RunPriority {
    HIGH(2),
    /** Temporal's default key; left unset on the workflow, as runs started before priorities existed. */
    NORMAL(3),
    LOW(4);

    /** The key Temporal uses for work that sets none. */
    static final int DEFAULT_KEY = 3;

    private final int key;

    RunPriority(int key) {
        this.key = key;
    }

    /** The priority of a run whose workflow has {@code key} (0: none set, a normal run). */
    public static RunPriority ofKey(int key) {
        for (RunPriority priority : values()) {
            if (priority.key == key) {
                return priority;
            }
        }
        return NORMAL;
    }

    /** Temporal's priority key (1–5, lower first). */
    public int key() {
        return key;
    }
}
