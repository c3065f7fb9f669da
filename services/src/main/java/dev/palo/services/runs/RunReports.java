package dev.palo.services.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.activities.evaluate.report.Table1;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A finished run's Table-1 report, read from the object store where the evaluate stage wrote it. */
@ApplicationScoped
public class RunReports {
    /** The report stage writes the table as JSON (its output) and beside it as Markdown. */
    public static final String JSON_NAME = "table1.json";
    static final String MARKDOWN_NAME = "table1.md";

    @Inject
    WorkflowClient client;
    @Inject
    MinioObjectStore store;
    @Inject
    RunQueries queries;
    @Inject
    ObjectMapper json;
    /** A completed run's report never changes: each is read once (an empty answer too: it evaluated nothing). */
    private final Cache<String, Optional<RunScores>> scores = Caffeine.newBuilder().maximumSize(2_000).build();

    /** The headline figures of a completed run's Table 1; empty when it has no report. */
    public Optional<RunScores> scores(String runId) {
        return scores.get(runId, id -> {
            try {
                return Optional.of(parseScores(json.readTree(read(id, JSON_NAME))));
            } catch (NotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("the report of " + id + " is not JSON", e);
            }
        });
    }

    static RunScores parseScores(JsonNode table) {
        JsonNode palo = null;
        JsonNode gain = null;
        for (JsonNode row : table.path("rows")) {
            String label = row.path("label").asText();
            if ("palo".equals(label)) {
                palo = row.path("values");
            } else if (Table1.DELTA.equals(label)) {
                gain = row.path("values");
            }
        }
        return new RunScores(number(palo, Table1.AVG_HIGH), number(palo, Table1.AVG_LOW), number(gain, Table1.AVG_HIGH),
                number(gain, Table1.AVG_LOW));
    }

    private static Double number(JsonNode values, String column) {
        return values != null && values.path(column).isNumber() ? values.path(column).asDouble() : null;
    }

    /** The report file {@code name} ({@link #JSON_NAME} or {@link #MARKDOWN_NAME}) of a completed run. */
    public byte[] read(String runId, String name) {
        String status = queries.status(runId);
        if (!RunStatus.COMPLETED.equals(status)) {
            throw new ClientErrorException("run " + runId + " is " + status + "; its report exists once it completed",
                    Response.Status.CONFLICT);
        }
        PipelineResult result = client.newUntypedWorkflowStub(runId).getResult(PipelineResult.class);
        if (result.evaluation() == null) {
            throw new NotFoundException("run " + runId + " trained and evaluated nothing, so it has no report");
        }
        ArtifactRef json = result.evaluation().report().output();
        String root = store.uri("");
        String key = json.uri().substring(root.length());
        String wanted = key.substring(0, key.length() - JSON_NAME.length()) + name;
        try (InputStream in = store.open(store.stat(wanted)
                .orElseThrow(() -> new NotFoundException("the report of " + runId + " has no " + name)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report of " + runId + " from the store", e);
        }
    }
}
