package dev.palo.data.lang;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Writing direction of a language's script. */
public enum Direction {
    @JsonProperty("ltr") LTR,
    @JsonProperty("rtl") RTL
}
