package dev.palo.activities.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.evaluate.LanguageScore;
import dev.palo.activities.evaluate.ScoresFile;
import dev.palo.activities.evaluate.judge.Review;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.JsonLineReader;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageId;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.study.ArmOutputs;
import dev.palo.workflows.study.StudyRunScores;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one run's per-answer figures from what its evaluate stage stored: each scorer's review file per language
 * and arm ({@code reviews/<code>.jsonl} for the primary scorer, {@code reviews/<kind>/<code>.jsonl} beside it for
 * the others; a review's tuple is the reference's score and the model's), and the answers themselves, whose
 * language Lingua identifies as the score stage does for the in-language rate.
 */
final class StudyInputs {
    /** The metric of answers written in the question's language, beside the scorers' kinds. */
    static final String IN_LANGUAGE = "in_language";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StoredDirectory directories;

    StudyInputs(ObjectStore store, StoredDirectory directories) {
        this.store = store;
        this.directories = directories;
    }

    /** Both arms' scores files of a run, baseline first. */
    List<ScoresFile> scores(StudyRunScores run) throws IOException {
        List<ScoresFile> files = new ArrayList<>();
        for (DatasetArm arm : List.of(DatasetArm.BASELINE, DatasetArm.PALO)) {
            try (InputStream in = store.open(outputs(run, arm).scores())) {
                files.add(JSON.readValue(in, ScoresFile.class));
            }
        }
        return files;
    }

    /** One metric's figures of a run over {@code languages}: a scorer's kind or {@link #IN_LANGUAGE}. */
    SeedFigures figures(StudyRunScores run, List<ScoresFile> scores, List<Language> languages, String metric,
                        LanguageId languageId) throws IOException {
        double[][][] numerators = new double[languages.size()][2][];
        double[][][] denominators = new double[languages.size()][2][];
        for (int l = 0; l < languages.size(); l++) {
            List<Integer> questions = null;
            for (int arm = 0; arm < 2; arm++) {
                ScoresFile file = scores.get(arm);
                Language language = languages.get(l);
                List<double[]> pairs = new ArrayList<>();
                List<Integer> ids = new ArrayList<>();
                if (IN_LANGUAGE.equals(metric)) {
                    ArmOutputs outputs = outputs(run, arm == 0 ? DatasetArm.BASELINE : DatasetArm.PALO);
                    for (BenchAnswer answer : answers(outputs.answers(), language.code())) {
                        pairs.add(new double[] {languageId.writtenIn(answer.text(), language) ? 1 : 0, 1});
                        ids.add(answer.questionId());
                    }
                } else {
                    for (Review review : reviews(file, language.code(), metric)) {
                        pairs.add(new double[] {review.tuple().model(), review.tuple().reference()});
                        ids.add(review.questionId());
                    }
                }
                if (questions != null && !questions.equals(ids)) {
                    throw StageErrors.invalid("run " + run.member().runId() + ": the arms' " + metric + " figures in "
                            + language.code() + " are not about the same questions");
                }
                questions = ids;
                numerators[l][arm] = pairs.stream().mapToDouble(p -> p[0]).toArray();
                denominators[l][arm] = pairs.stream().mapToDouble(p -> p[1]).toArray();
            }
        }
        return new SeedFigures(numerators, denominators);
    }

    /** A scorer's reviews of a language: the primary scorer's file is named in the scores file, the others beside it. */
    private List<Review> reviews(ScoresFile file, String code, String kind) throws IOException {
        LanguageScore score = file.languages().stream().filter(s -> s.language().equals(code)).findFirst()
                .orElseThrow(() -> StageErrors.invalid("arm " + file.arm() + " was not scored in " + code));
        ArtifactRef ref = score.reviewFile();
        if (!kind.equals(file.scorer())) {
            String primary = key(ref.uri());
            String key = primary.substring(0, primary.lastIndexOf('/') + 1) + kind + "/" + code + ".jsonl";
            ref = store.stat(key).orElseThrow(() -> StageErrors.invalid("arm " + file.arm() + " has no " + kind + " reviews of "
                    + code + " (" + key + ")"));
        }
        try (InputStream in = store.open(ref)) {
            return JsonLineReader.read(in, Review.class);
        }
    }

    private List<BenchAnswer> answers(ArtifactRef index, String code) throws IOException {
        for (StoredDirectory.Entry entry : directories.read(index).files()) {
            if (entry.path().equals(code + ".jsonl")) {
                try (InputStream in = store.open(entry.ref())) {
                    return JsonLineReader.read(in, BenchAnswer.class);
                }
            }
        }
        throw StageErrors.invalid("the answers " + index.uri() + " hold none in " + code);
    }

    private String key(String uri) {
        String prefix = store.uri("");
        if (!uri.startsWith(prefix)) {
            throw StageErrors.invalid("review file " + uri + " is not in this store (" + prefix + ")");
        }
        return uri.substring(prefix.length());
    }

    private static ArmOutputs outputs(StudyRunScores run, DatasetArm arm) {
        return run.arms().stream().filter(a -> a.arm() == arm).findFirst()
                .orElseThrow(() -> StageErrors.invalid("run " + run.member().runId() + " has no " + arm.code() + " arm"));
    }

    /** The scorers every language of the run was scored by, the primary one first. */
    static List<String> scorers(List<ScoresFile> scores) {
        ScoresFile baseline = scores.get(0);
        List<String> kinds = new ArrayList<>(List.of(baseline.scorer()));
        for (LanguageScore language : baseline.languages()) {
            Map<String, Double> figures = language.scores();
            for (String kind : figures.keySet()) {
                if (!kinds.contains(kind) && baseline.languages().stream().allMatch(s -> s.scores().containsKey(kind))) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }
}
