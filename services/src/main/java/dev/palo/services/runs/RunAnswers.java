package dev.palo.services.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished run's evaluation answered: the bench it was asked (questions, gold answers and images, in English
 * and every target language) and each arm's answers, read from the store where the evaluate stage left them. The bench
 * is the run's own (from its start input); files are fetched once per app into its work folder.
 */
@ApplicationScoped
public class RunAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WorkflowClient client;
    @Inject
    MinioObjectStore store;
    @Inject
    WorkerSettings settings;
    @Inject
    RunQueries queries;
    private final Cache<String, Answers> answers = Caffeine.newBuilder().maximumSize(20).build();

    /**
     * @param benches per language code, in evaluation order (English first)
     * @param byArm   per arm ({@code baseline}, {@code palo}), per language code, answer text by question id
     */
    public record Answers(BenchReader reader, Map<String, LanguageBench> benches,
                          Map<String, Map<String, Map<Integer, String>>> byArm) {
        /** The questions in bench order: the first language's (English). */
        public List<BenchQuestion> questions() {
            return benches.values().iterator().next().questions();
        }
    }

    /** A completed run's answers; 409 while it runs, 404 when it evaluated nothing. */
    public Answers of(String runId) {
        String status = queries.status(runId);
        if (!RunStatus.COMPLETED.equals(status)) {
            throw new ClientErrorException("run " + runId + " is " + status + "; its answers exist once it completed",
                    Response.Status.CONFLICT);
        }
        return answers.get(runId, this::read);
    }

    private Answers read(String runId) {
        PipelineResult result = client.newUntypedWorkflowStub(runId).getResult(PipelineResult.class);
        if (result.evaluation() == null) {
            throw new NotFoundException("run " + runId + " trained and evaluated nothing, so it has no answers");
        }
        PipelineSpec spec = spec(runId);
        StoredDirectory directories = new StoredDirectory(store, settings.workDir().resolve("dashboard"));
        try {
            BenchReader reader = new BenchReader(directories.download(spec.training().bench()),
                    LanguageRegistry.palo());
            Map<String, LanguageBench> benches = new LinkedHashMap<>();
            List<String> codes = new ArrayList<>(List.of("en"));
            codes.addAll(spec.languages());
            for (String code : codes) {
                benches.put(code, reader.read(LanguageRegistry.palo().get(code)));
            }
            Map<String, Map<String, Map<Integer, String>>> byArm = new LinkedHashMap<>();
            for (StageResult arm : result.evaluation().answers()) {
                Path folder = directories.download(arm.output());
                Map<String, Map<Integer, String>> languages = new LinkedHashMap<>();
                for (String code : codes) {
                    languages.put(code, answers(folder.resolve(code + ".jsonl")));
                }
                byArm.put(arm.language(), languages);
            }
            return new Answers(reader, benches, byArm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation of " + runId + " from the store", e);
        }
    }

    /** The run's own request, from its start event: which bench it was evaluated on. */
    private PipelineSpec spec(String runId) {
        HistoryEvent started = client.fetchHistory(runId).getEvents().get(0);
        return TemporalHistory.argument(started.getWorkflowExecutionStartedEventAttributes().getInput(), 0,
                PipelineSpec.class);
    }

    private static Map<Integer, String> answers(Path file) throws IOException {
        Map<Integer, String> texts = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return texts;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    BenchAnswer answer = JSON.readValue(line, BenchAnswer.class);
                    texts.put(answer.questionId(), answer.text());
                }
            }
        }
        return texts;
    }
}
