package dev.palo.services.ui;

import dev.palo.services.runs.RunQueries;
import dev.palo.services.ui.LiveFragments.Fragment;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The run page's live fragment pushed to its open pages (server-sent events): one poller per run and kind of viewer
 * reads the run's view once per {@link RunQueries#LIVE_INTERVAL}, however many pages watch, and sends a fragment only
 * when its text changed; it stops when the last page closed, and after the run ended (its last fragment sent).
 */
final class LiveStreams {
    /** Marks the end of a stream, after the fragment of the ended run. */
    private static final Fragment END = new Fragment("", "", false);
    private static final Comparator<Fragment> SAME_VERSION = Comparator.comparing(Fragment::version);

    private final Map<String, Multi<Fragment>> streams = new ConcurrentHashMap<>();

    /**
     * The fragments of one run for one kind of viewer: the current one at once, then each changed one.
     *
     * @param current reads the fragment now; called from a worker thread, so it must not need the request
     */
    Multi<Fragment> watch(String runId, String audience, Supplier<Fragment> current) {
        Fragment now = current.get();
        if (!now.running()) {
            return Multi.createFrom().item(now);
        }
        String key = runId + " " + audience;
        Multi<Fragment> shared = streams.computeIfAbsent(key, k -> poll(k, current));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(now), shared)
                .skip().repetitions(SAME_VERSION);
    }

    private Multi<Fragment> poll(String key, Supplier<Fragment> current) {
        return Multi.createFrom().ticks().every(RunQueries.LIVE_INTERVAL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())  // the view's Temporal calls block
                .map(tick -> current.get())
                .skip().repetitions(SAME_VERSION)
                .onItem().transformToMultiAndConcatenate(fragment -> fragment.running()
                        ? Multi.createFrom().item(fragment) : Multi.createFrom().items(fragment, END))
                .select().first(fragment -> fragment != END)
                // a failed read ends the stream; the page's EventSource reconnects and a new poller starts
                .onFailure().recoverWithCompletion()
                .onTermination().invoke(() -> streams.remove(key))
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
    }
}
