package dev.palo.workflows.dataset;

import java.util.Locale;

/** The two arms of PALO's comparison; an arm stands where other stages put a language code. */
public enum DatasetArm {
    /** English instructions only: the model PALO is compared against. */
    BASELINE,
    /** English plus every translated set: the PALO mixture. */
    PALO;

    /** Lower-case name used in object keys and tracking, e.g. {@code palo}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
