package dev.palo.activities.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.ModelVenvAnchors;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.export.LlavaExport;
import dev.palo.model.export.LlavaNames;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation anchor ({@code benchmarks/python/generation_anchor.py}) decodes what our {@link Generator} decodes:
 * the bench row's random-weight mini bundle, exported by {@link LlavaExport}, the row's prompts at batch 1 and 2, 16
 * greedy tokens each, one untimed call on each side. The tokens must be the same, as every bench run requires before
 * it compares speeds. Not timed: {@code ./palo bench} times them.
 * <p>
 * Needs the model venv: {@code ./palo test} (CI) installs it and passes {@code -Dpalo.export.python.required=true},
 * which makes its absence a failure; elsewhere the test is skipped and says why.
 */
class GenerationAnchorTest {
    private static final int NEW_TOKENS = 16;

    @TempDir
    Path dir;

    @Test
    void theAnchorsTokensEqualOurGeneratorsAtBatchOneAndTwo() throws Exception {
        Path python = ModelVenvAnchors.python();
        BenchContext context = ModelVenvAnchors.context(python, dir.resolve("work"));
        Path bundle = GenerationBenchmark.randomMiniBundle(GenerationRow.corpus(),
                Files.createDirectories(dir.resolve("bundle")));
        LlavaExport.export(bundle, null, "check", GenerationRow.MAX_LENGTH, dir.resolve("export"));
        Path llama = dir.resolve("export").resolve(LlavaNames.modelDir("check"));

        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = ModelCheckpoint.loadModel(manager, bundle)) {
            Generator generator = new Generator(model);
            int vocab = model.languageModel().config().vocabSize();
            for (int batch : new int[] {1, 2}) {
                long[][] prompts = GenerationRow.prompts(batch, vocab);
                List<long[]> ours;
                try (NDArray ids = GenerationRow.ids(manager, prompts)) {
                    ours = generator.generate(ids, null, null, GenerationConfig.greedy(NEW_TOKENS, -1));
                }
                Path promptFile = dir.resolve("prompts-" + batch + ".json");
                new ObjectMapper().writeValue(promptFile.toFile(), prompts);
                JsonNode anchor = PythonAnchor.run(python, context.script(GenerationRow.ANCHOR),
                        GenerationRow.anchorArguments(llama, promptFile, NEW_TOKENS, 0, 1));

                assertEquals(batch, anchor.path("tokens").size(), anchor.toString());
                assertNull(GenerationRow.mismatch(ours, anchor.path("tokens"), NEW_TOKENS),
                        "batch " + batch + ": the same weights and prompts decode to the same tokens");
            }
        }
    }
}
