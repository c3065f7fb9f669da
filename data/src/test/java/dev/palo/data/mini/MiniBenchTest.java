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
import dev.palo.data.mini.read.ContentGrade;
import dev.palo.data.mini.read.ContentGrader;
import dev.palo.data.mini.read.FactReader;
import dev.palo.data.mini.world.Scene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {MiniGenerator.BENCH, MiniGenerator.VALIDATION_BENCH})
    void noBenchSceneImageOrCaptionAppearsInAnyTrainingSet(String folder) throws IOException {
        assertHeldOut(TinyWorld.root(), folder);
    }

    @Test
    void theValidationAndTestBenchesShareNoSceneImageOrCaption() throws IOException {
        assertDisjoint(TinyWorld.root());
    }

    /** The same checks on {@code demo} data (generated and checked in 8 s on two shared cores). */
    @Test
    void onDemoDataTooBenchesShareNothingWithEachOtherOrWithTraining() throws IOException {
        Path root = Files.createTempDirectory("palo-mini-demo-");
        try {
            new MiniGenerator(MiniConfig.of(MiniSize.DEMO, TinyWorld.SEED), Progress.NONE).generate(root);
            assertDisjoint(root);
            assertHeldOut(root, MiniGenerator.BENCH);
            assertHeldOut(root, MiniGenerator.VALIDATION_BENCH);
        } finally {
            TinyWorld.delete(root);
        }
    }

    private static void assertHeldOut(Path root, String folder) throws IOException {
        Set<String> benchScenes = scenes(root, folder);
        assertEquals(MiniBench.IMAGES, benchScenes.size());
        Set<String> trainingScenes = training(root).stream()
                .map(r -> r.extra().get(MiniGenerator.SCENE_FIELD).asText()).collect(Collectors.toSet());
        assertFalse(trainingScenes.isEmpty());
        trainingScenes.forEach(scene -> assertFalse(benchScenes.contains(scene), scene));

        Set<String> benchImages = images(root, folder);
        try (Stream<Path> images = Files.list(root.resolve("images"))) {
            for (Path image : images.toList()) {
                assertFalse(benchImages.contains(MiniManifest.sha256(image)), image.toString());
            }
        }

        Set<String> trainingTexts = new HashSet<>(Files.readAllLines(root.resolve("corpus/base-lm.txt")));
        training(root).forEach(r -> r.conversations().forEach(t -> trainingTexts.add(t.value().replace(Turn.IMAGE_TOKEN + "\n", ""))));
        // a text-only record tells its scene in words where an image record has its placeholder: its first line
        training(root).stream().filter(r -> !r.hasImage())
                .forEach(r -> trainingTexts.add(r.conversations().get(0).value().split("\n", 2)[0]));
        for (String code : TinyWorld.codes()) {
            if (!code.equals(MiniGenerator.ENGLISH)) {
                TinyWorld.jsonLines(root.resolve("translation-seed/" + code + ".jsonl"))
                        .forEach(e -> trainingTexts.add(e.get("gold").asText().replace(Turn.IMAGE_TOKEN + "\n", "")));
            }
        }
        captions(root, folder).forEach(caption -> assertFalse(trainingTexts.contains(caption), caption));
    }

    private static void assertDisjoint(Path root) throws IOException {
        Set<String> scenes = scenes(root, MiniGenerator.BENCH);
        scenes(root, MiniGenerator.VALIDATION_BENCH).forEach(scene -> assertFalse(scenes.contains(scene), scene));
        Set<String> images = images(root, MiniGenerator.BENCH);
        images(root, MiniGenerator.VALIDATION_BENCH).forEach(image -> assertFalse(images.contains(image), image));
        Set<String> captions = captions(root, MiniGenerator.BENCH);
        captions(root, MiniGenerator.VALIDATION_BENCH).forEach(caption -> assertFalse(captions.contains(caption), caption));
        LanguageBench validation = new BenchReader(root.resolve(MiniGenerator.VALIDATION_BENCH), REGISTRY)
                .read(REGISTRY.get(MiniGenerator.ENGLISH));
        assertEquals(MiniBench.IMAGES + MiniBench.DETAIL_IMAGES + MiniBench.COMPLEX_IMAGES, validation.questions().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {MiniGenerator.BENCH, MiniGenerator.VALIDATION_BENCH})
    void theContentReaderReadsEveryGoldAnswerAsTrueOfItsScene(String folder) throws IOException {
        Path root = TinyWorld.root();
        ContentGrader grader = new ContentGrader(FactReader.palo());
        for (Language language : TinyWorld.languages()) {
            LanguageBench bench = new BenchReader(root.resolve(folder), REGISTRY).read(language);
            Map<String, String> scenes = new HashMap<>();
            bench.contexts().forEach(c -> scenes.put(c.image(), c.extra().get(MiniBench.SCENE_FIELD).asText()));
            for (int i = 0; i < bench.questions().size(); i++) {
                String gold = bench.answers().get(i).text();
                ContentGrade grade = grader.grade(gold, gold, Scene.parse(scenes.get(bench.questions().get(i).image())));
                assertEquals(1.0, grade.share(), language.code() + " '" + gold + "': " + grade);
            }
        }
    }

    /** The scene signatures a bench's English contexts record. */
    private static Set<String> scenes(Path root, String folder) throws IOException {
        return new BenchReader(root.resolve(folder), REGISTRY).read(REGISTRY.get(MiniGenerator.ENGLISH)).contexts()
                .stream().map(c -> c.extra().get(MiniBench.SCENE_FIELD).asText()).collect(Collectors.toSet());
    }

    /** The sha256 of every image a bench's English contexts name. */
    private static Set<String> images(Path root, String folder) throws IOException {
        Set<String> images = new HashSet<>();
        for (BenchContext context : new BenchReader(root.resolve(folder), REGISTRY)
                .read(REGISTRY.get(MiniGenerator.ENGLISH)).contexts()) {
            images.add(MiniManifest.sha256(root.resolve(folder).resolve("images").resolve(context.image())));
        }
        assertEquals(MiniBench.IMAGES, images.size());
        return images;
    }

    /** Every context caption of a bench, in every language. */
    private static Set<String> captions(Path root, String folder) throws IOException {
        Set<String> captions = new HashSet<>();
        for (Language language : TinyWorld.languages()) {
            new BenchReader(root.resolve(folder), REGISTRY).read(language).contexts()
                    .forEach(c -> captions.add(c.caption()));
        }
        return captions;
    }

    /** Every instruction and caption record, English and gold. */
    private static List<LlavaRecord> training(Path root) {
        List<String> trainingFiles = new ArrayList<>(List.of("instruct/english.json", "pretrain/captions.json"));
        for (String code : TinyWorld.codes()) {
            if (!code.equals(MiniGenerator.ENGLISH)) {
                trainingFiles.add("gold/" + code + ".json");
                trainingFiles.add("pretrain/gold/" + code + ".json");
            }
        }
        return trainingFiles.stream().flatMap(file -> read(root.resolve(file)).stream()).toList();
    }

    private static List<LlavaRecord> read(Path file) {
        try {
            return TinyWorld.records(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
