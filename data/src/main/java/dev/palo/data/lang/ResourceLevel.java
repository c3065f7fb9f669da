package dev.palo.data.lang;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much text exists for a language; PALO groups its ten languages into these two tiers. */
public enum ResourceLevel {
    @JsonProperty("high") HIGH,
    @JsonProperty("low") LOW
}
