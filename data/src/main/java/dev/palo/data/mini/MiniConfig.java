package dev.palo.data.mini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.corpus.LanguageMix;
import dev.palo.data.mini.errors.ErrorRates;
import dev.palo.data.mini.grammar.Grammar;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides PALO-mini's output: same config (and the same registry entries and grammars of its
 * languages, see {@link #digest()}), same bytes.
 *
 * @param languages the languages the data holds (gold, seed corpus, bench, base-LM text), English first, in registry
 *                  order
 */
public record MiniConfig(MiniSize size, long seed, List<String> languages, ErrorRates errorRates,
                         LanguageMix baseLmMix) {

    /**
     * What the generator writes beyond what the config decides; bump when a tree gains files (2: the validation
     * bench), so that a tree cached under the old digest is generated again.
     */
    static final int LAYOUT = 2;
    /** Sorted keys, so the digest never depends on a JVM's field or map order. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public MiniConfig {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(errorRates, "errorRates");
        Objects.requireNonNull(baseLmMix, "baseLmMix");
        languages = List.copyOf(languages);
        if (languages.isEmpty() || !languages.get(0).equals(MiniGenerator.ENGLISH)) {
            throw new IllegalArgumentException("PALO-mini's languages start with English, the source: " + languages);
        }
        baseLmMix.requireExactly(languages);
    }

    /** The registry's default set (the paper's ten) with the default error rates and base-LM mix. */
    public static MiniConfig of(MiniSize size, long seed) {
        return of(size, seed, LanguageRegistry.palo().defaults());
    }

    /** {@code languages} and English, in registry order, with the default error rates and their registry mix. */
    public static MiniConfig of(MiniSize size, long seed, Collection<Language> languages) {
        List<Language> held = withEnglish(languages);
        return new MiniConfig(size, seed, held.stream().map(Language::code).toList(), ErrorRates.defaults(),
                LanguageMix.of(held));
    }

    /** {@code languages} and English, each once, in registry order. */
    public static List<Language> withEnglish(Collection<Language> languages) {
        List<String> codes = languages.stream().map(Language::code).toList();
        return LanguageRegistry.palo().all().stream()
                .filter(l -> l.code().equals(MiniGenerator.ENGLISH) || codes.contains(l.code())).toList();
    }

    /**
     * SHA-256 over this config, the generator's {@link #LAYOUT}, the registry entries of its languages and their
     * grammars' bytes: a cache of generated data keyed by it is regenerated when a language is added, its data
     * changes or the generator writes more.
     */
    public String digest() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("layout", LAYOUT);
        content.put("size", size.label());
        content.put("seed", seed);
        content.put("languages", languages);
        content.put("errorRates", errorRates.rates());
        content.put("baseLmMix", baseLmMix.shares());
        Map<String, Object> registry = new LinkedHashMap<>();
        Map<String, String> grammars = new LinkedHashMap<>();
        for (String code : languages) {
            registry.put(code, LanguageRegistry.palo().get(code));
            grammars.put(code, MiniManifest.sha256(Grammar.source(code)));
        }
        content.put("registry", registry);
        content.put("grammars", grammars);
        try {
            return MiniManifest.sha256(CANONICAL.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the PALO-mini config", e);
        }
    }
}
