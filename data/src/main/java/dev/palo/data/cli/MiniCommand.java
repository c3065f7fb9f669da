package dev.palo.data.cli;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.MiniConfig;
import dev.palo.data.mini.MiniGenerator;
import dev.palo.data.mini.MiniSize;
import dev.palo.data.mini.corpus.LanguageMix;
import dev.palo.data.mini.errors.ErrorRates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code palo data mini}: generates the PALO-mini world, deterministic from its seed. */
@Command(name = "mini", mixinStandardHelpOptions = true,
        description = "Generate PALO-mini: images, captions, English instructions (ending in a text-only share in the base"
                + " LM's languages, as ShareGPT's in LLaVA-1.5's mix), gold translations (by default in the"
                + " language registry's default set, the paper's ten), a base-LM corpus, a translation seed corpus with"
                + " injected errors, and a held-out bench.")
public final class MiniCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "demo", description = "tiny, demo or full (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, description = "output folder; must be missing or empty")
    Path out;

    @Option(names = "--languages", split = ",", description = "language codes the data holds, English always included,"
            + " e.g. de,ar (default: the language registry's default set)")
    List<String> languages;

    @Option(names = "--error-rates", description = "seed-corpus error rates over the defaults,"
            + " e.g. untranslated=0.1,punctuation=0.15,gender=0.1,noun_for_verb=0.05")
    String errorRates;

    @Option(names = "--lm-mix", description = "base-LM language shares summing to 1, one for every language of the"
            + " data, e.g. en=0.9,fr=0.1 with --languages fr (default: each language's baseLmShare in the registry,"
            + " 59.7%% English, 8%% per high-resource language)")
    String lmMix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MiniConfig config;
        try {
            LanguageRegistry registry = LanguageRegistry.palo();
            MiniConfig defaults = MiniConfig.of(MiniSize.of(size), seed, languages == null ? registry.defaults()
                    : languages.stream().map(String::trim).map(registry::get).toList());
            config = new MiniConfig(defaults.size(), seed, defaults.languages(),
                    errorRates == null ? ErrorRates.defaults() : ErrorRates.parse(errorRates),
                    lmMix == null ? defaults.baseLmMix() : LanguageMix.parse(lmMix));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long started = System.nanoTime();
        Path manifest = new MiniGenerator(config, new StageProgressBar(System.err, System.console() != null)).generate(out);
        System.out.printf("PALO-mini %s, seed %d: %s (%.1f s)%n", config.size().label(), seed, manifest,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
