package dev.palo.model.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.export.LlavaExport;
import dev.palo.model.export.ReferencePython;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained local translator's export, as its stages write it, loads in Hugging Face as shipped: a
 * {@code LlamaForCausalLM} with no missing key, its tokenizer with {@code AutoTokenizer}, and greedy decoding of
 * the translator's own prompt gives the platform's tokens.
 */
class TranslatorExportTest {
    private static final int NEW_TOKENS = 8;

    @TempDir
    Path dir;

    @Test
    void theExportedTranslatorLoadsAndDecodesAsThePlatform() throws Exception {
        String python = ReferencePython.require();
        Path bundle = dir.resolve("bundle");
        TranslatorConfig config = TinyCorpus.config(2);
        try (LocalTranslator translator = TinyCorpus.train(config, TinyCorpus.pairs())) {
            translator.save(bundle);
        }
        Path out = dir.resolve("export");
        assertEquals(List.of("llava-palo-translator-base"), LlavaExport.export(bundle, null, "translator-base",
                config.maxPromptTokens() + config.maxTargetTokens(), out));

        long[] prompt;
        long[] expected;
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(bundle.resolve("tokenizer.json"));
             NDManager manager = NDManager.newBaseManager();
             PaloModel model = ModelCheckpoint.loadModel(manager, bundle)) {
            prompt = tokenizer.encode("two red circle.", true);
            expected = new Generator(model).generate(manager.create(new long[][] {prompt}), null, null,
                    GenerationConfig.greedy(NEW_TOKENS, -1)).get(0);
        }
        String script = String.join("\n",
                "import sys, torch",
                "from transformers import AutoTokenizer, LlamaForCausalLM",
                "path, prompt = sys.argv[1], [int(t) for t in sys.argv[2].split(',')]",
                "model, info = LlamaForCausalLM.from_pretrained(path, output_loading_info=True, torch_dtype=torch.float32)",
                "assert not info['missing_keys'], info",
                "AutoTokenizer.from_pretrained(path)",
                "out = model.generate(torch.tensor([prompt]), max_new_tokens=" + NEW_TOKENS + ", do_sample=False,",
                "                     eos_token_id=None, pad_token_id=0, min_new_tokens=" + NEW_TOKENS + ")",
                "print('tokens', ','.join(str(t) for t in out[0][len(prompt):].tolist()))");
        Process process = new ProcessBuilder(python, "-c", script, out.resolve("llava-palo-translator-base").toString(),
                Arrays.stream(prompt).mapToObj(Long::toString).collect(Collectors.joining(",")))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the Hugging Face check did not finish");
        assertEquals(0, process.exitValue(), output);
        String tokens = Arrays.stream(expected).mapToObj(Long::toString).collect(Collectors.joining(","));
        assertTrue(output.contains("tokens " + tokens), "platform " + tokens + ", Hugging Face: " + output);
    }
}
