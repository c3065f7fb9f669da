package dev.palo.services.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunLinks;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveFragmentsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anEqualAnswerIsNotRenderedAgainAndAChangedOneGetsANewVersion() {
        LiveFragments fragments = new LiveFragments();
        AtomicInteger renderings = new AtomicInteger();

        LiveFragments.Fragment first = fragments.get(run("s3://palo/en.json"), "reader", true, (run, now) -> {
            renderings.incrementAndGet();
            return "<section>" + run.source() + "</section>";
        });
        // the next answer of the run's view is another object, equal while nothing happened
        LiveFragments.Fragment same = fragments.get(run("s3://palo/en.json"), "reader", true, (run, now) -> {
            renderings.incrementAndGet();
            return "<section>" + run.source() + "</section>";
        });
        LiveFragments.Fragment changed = fragments.get(run("s3://palo/other.json"), "reader", true,
                (run, now) -> "<section>" + run.source() + "</section>");

        // one rendering unless the clock stepped between the two calls; either way the same text, the same version
        assertEquals(first.version(), same.version());
        assertSame(first, same);
        assertEquals(true, renderings.get() <= 2);
        assertNotEquals(first.version(), changed.version());
    }

    @Test
    void eachKindOfViewerHasItsOwnRendering() {
        LiveFragments fragments = new LiveFragments();
        RunDetail run = run("s3://palo/en.json");

        LiveFragments.Fragment reader = fragments.get(run, "reader", true, (r, now) -> "<section></section>");
        LiveFragments.Fragment operator = fragments.get(run, "operator", true,
                (r, now) -> "<section><button>Cancel run</button></section>");

        assertNotEquals(reader.version(), operator.version());
    }

    private static RunDetail run(String source) {
        return new RunDetail("run-1", "RUNNING", T0, null, source, null, List.of(), List.of(), null,
                new RunLinks("t", "m"));
    }
}
