package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.bench.BenchVariant;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.bench.MiniBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bench: readable in every layout variant, aligned across languages, and held out from all training data,
 * gold translations of instructions and captions included.
 */
class MiniBenchTest {

    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();

    @Test
    void benchReaderReadsEveryLanguageInEveryLayoutVariant() throws IOException {
        BenchReader reader = new BenchReader(TinyWorld.root().resolve("bench"), REGISTRY);
        assertEquals(TinyWorld.languages(), reader.languages());
        Set<BenchVariant> variants = new HashSet<>();
        LanguageBench english = reader.read(REGISTRY.get(MiniGenerator.ENGLISH));
        for (Language language : reader.languages()) {
            variants.add(BenchVariant.of(language.benchLayout()));
            LanguageBench bench = reader.read(language);
            assertEquals(english.questions().size(), bench.questions().size());
            assertEquals(MiniBench.IMAGES, bench.contexts().size());
            for (int i = 0; i < bench.questions().size(); i++) {
                BenchQuestion question = bench.questions().get(i);
                assertEquals(english.questions().get(i).questionId(), question.questionId());
                assertEquals(english.questions().get(i).image(), question.image());
                assertEquals(english.questions().get(i).category(), question.category());
                assertTrue(Files.isRegularFile(reader.image(question)));
            }
        }
        assertEquals(Set.of(BenchVariant.values()), variants);
    }

    @Test
    void benchHas24ImagesAnd60QuestionsInTheChosenCategorySplit() throws IOException {
        LanguageBench english = new BenchReader(TinyWorld.root().resolve("bench"), REGISTRY)
                .read(REGISTRY.get(MiniGenerator.ENGLISH));
        Map<String, Long> perCategory = english.questions().stream()
                .collect(Collectors.groupingBy(BenchQuestion::category, Collectors.counting()));
        assertEquals(Map.of("conv", (long) MiniBench.IMAGES, "detail", (long) MiniBench.DETAIL_IMAGES,
                "complex", (long) MiniBench.COMPLEX_IMAGES), perCategory);
        assertEquals(MiniBench.IMAGES + MiniBench.DETAIL_IMAGES + MiniBench.COMPLEX_IMAGES, english.questions().size());
        assertEquals(MiniBench.IMAGES, english.questions().stream().map(BenchQuestion::image).distinct().count());
    }

    @Test
    void noBenchSceneImageOrQuestionAppearsInAnyTrainingSet() throws IOException {
        Path root = TinyWorld.root();
        LanguageBench bench = new BenchReader(root.resolve("bench"), REGISTRY).read(REGISTRY.get(MiniGenerator.ENGLISH));
        Set<String> benchScenes = bench.contexts().stream()
                .map(c -> c.extra().get(MiniBench.SCENE_FIELD).asText()).collect(Collectors.toSet());
        assertEquals(MiniBench.IMAGES, benchScenes.size());

        List<String> trainingFiles = new ArrayList<>(List.of("instruct/english.json", "pretrain/captions.json"));
        for (String code : TinyWorld.codes()) {
            if (!code.equals(MiniGenerator.ENGLISH)) {
                trainingFiles.add("gold/" + code + ".json");
                trainingFiles.add("pretrain/gold/" + code + ".json");
            }
        }
        List<LlavaRecord> training = trainingFiles.stream().flatMap(file -> read(root.resolve(file)).stream()).toList();
        Set<String> trainingScenes = training.stream()
                .map(r -> r.extra().get(MiniGenerator.SCENE_FIELD).asText()).collect(Collectors.toSet());
        assertFalse(trainingScenes.isEmpty());
        trainingScenes.forEach(scene -> assertFalse(benchScenes.contains(scene), scene));

        Set<String> benchImages = new HashSet<>();
        for (BenchContext context : bench.contexts()) {
            benchImages.add(Manifest.sha256(root.resolve("bench/images").resolve(context.image())));
        }
        try (Stream<Path> images = Files.list(root.resolve("images"))) {
            for (Path image : images.toList()) {
                assertFalse(benchImages.contains(Manifest.sha256(image)), image.toString());
            }
        }

        Set<String> trainingTexts = new HashSet<>(Files.readAllLines(root.resolve("corpus/base-lm.txt")));
        training.forEach(r -> r.conversations().forEach(t -> trainingTexts.add(t.value().replace(Turn.IMAGE_TOKEN + "\n", ""))));
        for (String code : TinyWorld.codes()) {
            if (!code.equals(MiniGenerator.ENGLISH)) {
                TinyWorld.jsonLines(root.resolve("translation-seed/" + code + ".jsonl"))
                        .forEach(e -> trainingTexts.add(e.get("gold").asText().replace(Turn.IMAGE_TOKEN + "\n", "")));
            }
        }
        for (Language language : TinyWorld.languages()) {
            LanguageBench translated = new BenchReader(root.resolve("bench"), REGISTRY).read(language);
            translated.contexts().forEach(c -> assertFalse(trainingTexts.contains(c.caption()), c.caption()));
        }
    }

    private static List<LlavaRecord> read(Path file) {
        try {
            return TinyWorld.records(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
