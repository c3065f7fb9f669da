package dev.palo.services.triggers;

import java.util.List;

/** The kinds of trigger event the platform acts on; {@code docs/events/triggers/} has a JSON Schema for each. */
final class TriggerKinds {
    static final String SOURCE_UPDATED = "source.updated";
    static final String CORRECTIONS_ADDED = "corrections.added";
    static final String LANGUAGE_ADDED = "language.added";
    static final List<String> ALL = List.of(SOURCE_UPDATED, CORRECTIONS_ADDED, LANGUAGE_ADDED);
    /** The only schema version so far; a producer that sends another is refused, never guessed at. */
    static final int SCHEMA_VERSION = 1;

    private TriggerKinds() {
    }
}
