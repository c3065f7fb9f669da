package dev.palo.activities.quality;

import dev.palo.activities.review.GoldText;
import dev.palo.activities.stage.ScratchFolder;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.metric.ChrF;
import dev.palo.data.mini.MiniManifest;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.quality.ChrfRequest;
import dev.palo.workflows.quality.ChrfScore;
import dev.palo.workflows.quality.QualityActivities;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chrF of a stage's translation against PALO-mini gold, turn by turn ({@code <image>} removed from both
 * sides, so the placeholder never counts as a match). Records without gold, or whose turn count differs
 * from gold's, are left out; the count of turns compared is logged beside the score.
 */
public final class QualityActivitiesImpl implements QualityActivities {
    static final String CHRF = "chrf";
    static final String CHRF_TURNS = "chrf.turns";
    static final String GOLD_TAG = "palo.chrf.gold";
    static final String SKIPPED_TAG = "palo.chrf.skipped";
    private static final Logger LOG = LoggerFactory.getLogger(QualityActivitiesImpl.class);
    /** Records read between heartbeats. */
    private static final int HEARTBEAT_EVERY = 1000;

    private final ObjectStore store;
    private final Tracker tracker;
    private final Path workRoot;

    public QualityActivitiesImpl(ObjectStore store, Tracker tracker, Path workRoot) {
        this.store = store;
        this.tracker = tracker;
        this.workRoot = workRoot;
    }

    @Override
    public ChrfScore chrf(ChrfRequest request) {
        String code = request.language().code();
        return StageErrors.standard().llava("cannot score " + request.translated().uri() + ": ").run(() -> {
            StringBuilder reason = new StringBuilder();
            Optional<GoldLocation> gold = GoldLocation.find(store, request.origin(), code, reason);
            if (gold.isEmpty()) {
                return skip(request, reason.toString());
            }
            try (ScratchFolder tree = ScratchFolder.create(workRoot, "gold-")) {
                return measure(request, gold.get(), tree.path());
            }
        });
    }

    private ChrfScore measure(ChrfRequest request, GoldLocation gold, Path tree) throws IOException {
        String code = request.language().code();
        store.download(gold.manifest(), tree.resolve(MiniManifest.FILE));
        Path goldFile = tree.resolve(gold.goldPath());
        Files.createDirectories(goldFile.getParent());
        store.download(gold.gold(), goldFile);
        Map<String, List<Turn>> reference = GoldText.read(tree, code, recordIds(request.translated()));

        List<String> hypotheses = new ArrayList<>();
        List<String> references = new ArrayList<>();
        ArtifactRef translated = request.translated();
        try (InputStream in = store.open(translated); LlavaJsonReader reader = new LlavaJsonReader(in, translated.uri())) {
            for (long read = 1; reader.hasNext(); read++) {
                LlavaRecord record = reader.next();
                List<Turn> expected = reference.get(record.id());
                if (expected != null && expected.size() == record.conversations().size()) {
                    for (int t = 0; t < expected.size(); t++) {
                        hypotheses.add(withoutImage(record.conversations().get(t).value()));
                        references.add(withoutImage(expected.get(t).value()));
                    }
                }
                if (read % HEARTBEAT_EVERY == 0) {
                    Activity.getExecutionContext().heartbeat(read);
                }
            }
        }
        if (hypotheses.isEmpty()) {
            return skip(request, "gold " + gold.gold().uri() + " has none of the records of " + translated.uri()
                    + " with the same turns");
        }
        double chrf = ChrF.corpus(hypotheses, references);
        tracker.logMetric(request.trackingRunId(), CHRF, chrf, 0);
        tracker.logMetric(request.trackingRunId(), CHRF_TURNS, hypotheses.size(), 0);
        tracker.setTag(request.trackingRunId(), GOLD_TAG, gold.gold().uri());
        return new ChrfScore(true, chrf, hypotheses.size(), "against " + gold.gold().uri());
    }

    private ChrfScore skip(ChrfRequest request, String reason) throws IOException {
        LOG.info("chrF of {} not measured: {}", request.translated().uri(), reason);
        tracker.setTag(request.trackingRunId(), SKIPPED_TAG, reason);
        return ChrfScore.skipped(reason);
    }

    private Set<String> recordIds(ArtifactRef translated) throws IOException {
        Set<String> ids = new HashSet<>();
        try (InputStream in = store.open(translated); LlavaJsonReader reader = new LlavaJsonReader(in, translated.uri())) {
            while (reader.hasNext()) {
                ids.add(reader.next().id());
            }
        }
        return ids;
    }

    private static String withoutImage(String text) {
        return text.replace(Turn.IMAGE_TOKEN, "").strip();
    }
}
