package dev.palo.services.runs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.function.Function;

/**
 * The last answer per run, shared by every caller: a running run's view lives five seconds (the live page's polling
 * interval, and {@code palo run}'s redraw: every open page still sees each new answer), an ended run's ten minutes
 * (it no longer changes; answering its queries means a replay).
 */
final class RunViews {
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final Duration ENDED = Duration.ofMinutes(10);

    private final Cache<String, RunDetail> views = Caffeine.newBuilder()
            .maximumSize(500)
            .expireAfter(Expiry.creating((String id, RunDetail view) ->
                    RunStatus.RUNNING.equals(view.status()) ? LIVE : ENDED))
            .build();

    RunDetail get(String runId, Function<String, RunDetail> read) {
        return views.get(runId, read);
    }
}
