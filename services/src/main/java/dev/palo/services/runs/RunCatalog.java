package dev.palo.services.runs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The runs list of the API and the dashboard: the newest runs with their memo (trigger, languages, data), filtered by
 * status and language, and each completed run's Table-1 averages.
 */
@ApplicationScoped
public class RunCatalog {
    private static final Logger LOG = Logger.getLogger(RunCatalog.class);

    @Inject
    RunQueries queries;
    @Inject
    RunReports reports;

    /**
     * @param status   only runs in this status; null or blank for any
     * @param language only runs translating into this language; null or blank for any
     */
    public List<RunSummary> list(int limit, String status, String language) {
        return queries.list(limit).stream()
                .filter(run -> blank(status) || run.status().equals(status))
                .filter(run -> blank(language) || run.languages().contains(language))
                .map(this::withScores).toList();
    }

    private RunSummary withScores(RunSummary run) {
        if (!RunStatus.COMPLETED.equals(run.status())) {
            return run;
        }
        try {
            return run.withScores(reports.scores(run.id()).orElse(null));
        } catch (RuntimeException e) {
            // the list still answers; the next call tries again (failures are not cached)
            LOG.warnf("no scores for %s: %s", run.id(), e.getMessage());
            return run;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
