package dev.palo.services.runs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.function.Function;

/**
 * The last answer per run, shared by every caller: a running run's view lives two seconds (the dashboard's live
 * interval: however many pages and {@code palo run}s watch a run, it is read at most once per interval), an ended
 * run's ten minutes (it no longer changes; answering its queries means a replay).
 */
final class RunViews {
    static final Duration LIVE = Duration.ofSeconds(2);
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
