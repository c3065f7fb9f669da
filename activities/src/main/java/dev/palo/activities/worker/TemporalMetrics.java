package dev.palo.activities.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * The Temporal SDK's own metrics (its client's requests and its workers' polls, slots, task latencies, activity
 * outcomes: {@code temporal_*}) in a Micrometer registry. The SDK reports through a tally scope; its
 * {@link MicrometerClientStatsReporter} hands each value to the registry.
 */
public final class TemporalMetrics {
    /** How often the tally scope flushes to the registry: below a Prometheus scrape interval. */
    private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(10);

    private TemporalMetrics() {
    }

    /** The scope to give {@code WorkflowServiceStubsOptions.setMetricsScope}, reporting into {@code registry}. */
    public static Scope scope(MeterRegistry registry) {
        return new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry)).reportEvery(REPORT_EVERY);
    }
}
