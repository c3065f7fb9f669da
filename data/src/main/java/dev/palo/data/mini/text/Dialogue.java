package dev.palo.data.mini.text;

import java.util.List;

/** A whole instruction sample about one scene: its category and its exchanges, in no particular language. */
public record Dialogue(Category category, List<Exchange> exchanges) {

    public Dialogue {
        exchanges = List.copyOf(exchanges);
        if (exchanges.isEmpty()) {
            throw new IllegalArgumentException("a dialogue needs at least one exchange");
        }
    }
}
