package dev.palo.data.validate;

import java.util.Objects;

/** A reason code with the human-readable detail of what exactly is wrong with the record. */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
