package dev.palo.services.runs;

/**
 * Who or what started a run, kept in the run's Temporal memo so the runs list can say it without reading histories.
 * A request that names none was sent to the API directly.
 */
public enum RunTrigger {
    /** {@code POST /api/runs} from any client. */
    API,
    /** {@code ./palo run} or {@code ./palo demo}. */
    CLI,
    /** The dashboard's start form. */
    DASHBOARD,
    /** An event (a Kafka trigger). */
    EVENT
}
