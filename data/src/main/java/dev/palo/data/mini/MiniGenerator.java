package dev.palo.data.mini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palo.data.bench.BenchWriter;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.bench.MiniBench;
import dev.palo.data.mini.corpus.BaseLmCorpus;
import dev.palo.data.mini.corpus.TextOnlyShare;
import dev.palo.data.mini.errors.ErrorClass;
import dev.palo.data.mini.errors.ErrorInjector;
import dev.palo.data.mini.errors.SeedEntry;
import dev.palo.data.mini.errors.SeedSentence;
import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Intent;
import dev.palo.data.mini.grammar.Meaning;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.Category;
import dev.palo.data.mini.text.Dialogue;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.text.Exchange;
import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneGenerator;
import dev.palo.data.mini.world.SceneImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Generates the whole PALO-mini tree under one folder: training images, English pretraining captions, English
 * instructions, gold translations, the base-LM corpus, the translation seed corpus, the held-out bench and the
 * manifest. Deterministic from {@link MiniConfig}.
 *
 * <p>Gold covers every English image text, so any subset can be scored against a reference: {@code gold/<code>.json}
 * holds every English image instruction of {@code instruct/english.json} (not its text-only share, which follows
 * them and is never translated or scored) and {@code pretrain/gold/<code>.json} every
 * caption pair of {@code pretrain/captions.json}, each in the English file's order and aligned by id. What the
 * pipeline translates (the LLaVA-Instruct-150K analogue) is only each language's translation set: the first
 * {@link MiniSize#translatedInstructions()} English instructions in id order, which the manifest's
 * {@code translation_sets} names per language. The pipeline must translate those, not read them from gold.
 */
public final class MiniGenerator {

    public static final String ENGLISH = "en";
    /** Extra record field holding the scene signature, so that hold-out can be checked from the files. */
    public static final String SCENE_FIELD = "scene";
    /** The test bench's folder: Table 1 is scored on it, once per frozen recipe. */
    public static final String BENCH = "bench";
    /**
     * The validation bench's folder: the same layout and size as the test bench, from scenes neither the test bench
     * nor any training text or image shows, for choosing recipes without looking at the test bench.
     */
    public static final String VALIDATION_BENCH = "bench-validation";
    /** The manifest's section naming each language's translation set. */
    public static final String TRANSLATION_SETS = "translation_sets";
    /** LLaVA-Instruct-150K's mix: 58K conversations, 23K detailed descriptions, 77K complex reasoning. */
    private static final int[] CATEGORY_WEIGHTS = {58, 23, 77};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MiniConfig config;
    private final Progress progress;
    private final SeedStreams streams;
    private final LanguageRegistry registry = LanguageRegistry.palo();
    private final Map<String, Renderer> renderers = new LinkedHashMap<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();
    /** Every scene a training set drew (instructions, captions, base-LM corpus, seed corpus): validation avoids them. */
    private final Set<String> trained = new HashSet<>();

    public MiniGenerator(MiniConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
        this.streams = new SeedStreams(config.seed());
        Grammar english = Grammar.forLanguage(ENGLISH);
        for (String code : config.languages()) {
            renderers.put(code, new Renderer(Grammar.forLanguage(code), registry.get(code), english));
        }
    }

    /** Writes everything under {@code out}, which must be missing or empty, and returns the manifest's path. */
    public Path generate(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("output folder " + out + " is not empty; PALO-mini writes into an empty folder");
                }
            }
        }
        Files.createDirectories(out.resolve("images"));
        Set<String> heldOut = writeBench(out.resolve(BENCH), "bench-scenes", "bench", "bench", null, s -> true);
        writeInstructions(out, heldOut);
        writeCaptions(out, heldOut);
        counts.put("base_lm_lines", BaseLmCorpus.write(out.resolve("corpus/base-lm.txt"), config.size().baseLmLines(),
                config.baseLmMix(), renderers, scenes("corpus-scenes", heldOut), streams.stream("corpus"),
                done -> progress.update("base-LM corpus", done, config.size().baseLmLines())));
        writeSeedCorpus(out.resolve("translation-seed"), heldOut);
        // last, from streams of its own, so that the test bench and every training set stay what they were
        writeBench(out.resolve(VALIDATION_BENCH), "validation-scenes", "validation", "validation_bench",
                "validation", s -> !heldOut.contains(s.signature()) && !trained.contains(s.signature()));
        Map<String, Object> configured = new LinkedHashMap<>();
        configured.put("size", config.size().label());
        configured.put("seed", config.seed());
        Map<String, Double> rates = new LinkedHashMap<>();
        for (ErrorClass errorClass : ErrorClass.values()) {
            rates.put(errorClass.code(), config.errorRates().rate(errorClass));
        }
        configured.put("error_rates", rates);
        configured.put("base_lm_mix", config.baseLmMix().shares());
        configured.put("languages", config.languages());
        return MiniManifest.write(out, configured, counts, translationSets(), progress);
    }

    /**
     * A bench's scenes (distinct, each {@code allowed}), images and files from the named streams, its contexts naming
     * {@code split} unless null (the test bench); returns its scene
     * signatures, which every training set must avoid. Counts go to the manifest as {@code <countPrefix>_images}
     * and {@code <countPrefix>_questions}.
     */
    private Set<String> writeBench(Path root, String sceneStream, String questionStream, String countPrefix,
                                   String split, Predicate<Scene> allowed) throws IOException {
        Set<String> seen = new HashSet<>();
        SceneGenerator generator = new SceneGenerator(streams.stream(sceneStream), 2,
                s -> allowed.test(s) && seen.add(s.signature()));
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < MiniBench.IMAGES; i++) {
            scenes.add(generator.next());
        }
        MiniBench bench = new MiniBench(scenes, streams.stream(questionStream), split);
        BenchWriter writer = new BenchWriter(root);
        for (int i = 0; i < scenes.size(); i++) {
            writer.writeImage(MiniBench.imageName(i), SceneImage.png(scenes.get(i)));
        }
        int done = 0;
        for (Renderer renderer : renderers.values()) {
            writer.write(bench.render(renderer));
            progress.update(root.getFileName().toString(), ++done, renderers.size());
        }
        counts.put(countPrefix + "_images", MiniBench.IMAGES);
        counts.put(countPrefix + "_questions", bench.questionCount());
        return Set.copyOf(seen);
    }

    /**
     * English image instructions and the gold translation of every one of them, then the set's text-only share. Each
     * scene hosts at most one sample per category, as a COCO image hosts one of each in LLaVA-Instruct.
     */
    private void writeInstructions(Path out, Set<String> heldOut) throws IOException {
        int total = config.size().englishInstructions();
        SceneGenerator generator = scenes("instruct-scenes", heldOut);
        SplittableRandom random = streams.stream("instruct");
        Files.createDirectories(out.resolve("instruct"));
        Map<String, LlavaJsonWriter> gold = new LinkedHashMap<>();
        int scenesUsed = 0;
        Map<String, Integer> textOnly;
        try (LlavaJsonWriter english = LlavaJsonWriter.create(out.resolve("instruct/english.json"))) {
            openGold(out.resolve("gold"), gold);
            Scene scene = null;
            String image = null;
            Set<Category> used = EnumSet.noneOf(Category.class);
            for (int i = 0; i < total; i++) {
                Category category = category(random);
                Optional<Dialogue> dialogue = Optional.empty();
                while (dialogue.isEmpty()) {
                    if (scene == null || used.contains(category)) {
                        scene = generator.next();
                        image = null;
                        used.clear();
                    }
                    dialogue = DialoguePlanner.plan(category, scene, random);
                    used.add(category);
                }
                if (image == null) {
                    // named and drawn on first use, so that scenes no sample could use leave no image behind
                    image = String.format("scene-%06d.png", scenesUsed++);
                    Files.write(out.resolve("images").resolve(image), SceneImage.png(scene));
                }
                String id = instructionId(i);
                Map<String, JsonNode> extra = Map.of(SCENE_FIELD, TextNode.valueOf(scene.signature()));
                List<Turn> englishTurns = turns(dialogue.get(), renderers.get(ENGLISH));
                english.write(new LlavaRecord(id, image, englishTurns, null, Map.of(), null, ENGLISH, extra));
                for (Map.Entry<String, LlavaJsonWriter> language : gold.entrySet()) {
                    language.getValue().write(new LlavaRecord(id, image, turns(dialogue.get(),
                            renderers.get(language.getKey())), englishTurns, Map.of(), null, language.getKey(), extra));
                }
                progress.update("instructions", i + 1, total);
            }
            // after every image instruction and from streams of their own, so that the image records, their gold
            // and the translation sets (the first records) are what they were without the share
            textOnly = new TextOnlyShare(SCENE_FIELD).write(english,
                    config.size().textOnlyInstructions(), config.baseLmMix(), renderers,
                    scenes("text-only-scenes", heldOut), streams.stream("text-only"), i -> instructionId(total + i));
        } finally {
            gold.values().forEach(LlavaJsonWriter::close);
        }
        counts.put("instruction_images", scenesUsed);
        counts.put("english_instructions", total);
        counts.put("text_only_instructions", textOnly);
        counts.put("gold_instructions_per_language", total);
        counts.put("translated_instructions_per_language", config.size().translatedInstructions());
    }

    /**
     * Each language's translation set: the first {@code count} English instructions in id order, from
     * {@code first_id} to {@code last_id}. The same for every language, as PALO translates one 150K subset.
     */
    private Map<String, MiniManifest.TranslationSet> translationSets() {
        int count = config.size().translatedInstructions();
        Map<String, MiniManifest.TranslationSet> sets = new LinkedHashMap<>();
        for (String code : renderers.keySet()) {
            if (!code.equals(ENGLISH)) {
                sets.put(code, new MiniManifest.TranslationSet("instruct/english.json", count, instructionId(0),
                        instructionId(count - 1), "gold/" + code + ".json"));
            }
        }
        return sets;
    }

    /** The id of the {@code index}-th English instruction; ids sort in generation order. */
    private static String instructionId(int index) {
        return String.format("mini-%06d", index);
    }

    /** Opens {@code folder/<code>.json} for every language but English, into {@code gold}, so a caller can close them. */
    private void openGold(Path folder, Map<String, LlavaJsonWriter> gold) throws IOException {
        Files.createDirectories(folder);
        for (String code : renderers.keySet()) {
            if (!code.equals(ENGLISH)) {
                gold.put(code, LlavaJsonWriter.create(folder.resolve(code + ".json")));
            }
        }
    }

    /** English caption pairs and the gold translation of every one of them, in the same pair format. */
    private void writeCaptions(Path out, Set<String> heldOut) throws IOException {
        int total = config.size().captions();
        SceneGenerator generator = scenes("caption-scenes", heldOut);
        Files.createDirectories(out.resolve("pretrain"));
        Map<String, LlavaJsonWriter> gold = new LinkedHashMap<>();
        try (LlavaJsonWriter captions = LlavaJsonWriter.create(out.resolve("pretrain/captions.json"))) {
            openGold(out.resolve("pretrain/gold"), gold);
            for (int i = 0; i < total; i++) {
                Scene scene = generator.next();
                String image = String.format("caption-%06d.png", i);
                Files.write(out.resolve("images").resolve(image), SceneImage.png(scene));
                Map<String, JsonNode> extra = Map.of(SCENE_FIELD, TextNode.valueOf(scene.signature()));
                LlavaRecord english = captionPair(i, image, scene, renderers.get(ENGLISH));
                captions.write(new LlavaRecord(english.id(), image, english.conversations(), null, Map.of(), null,
                        ENGLISH, extra));
                for (Map.Entry<String, LlavaJsonWriter> language : gold.entrySet()) {
                    LlavaRecord translated = captionPair(i, image, scene, renderers.get(language.getKey()));
                    language.getValue().write(new LlavaRecord(english.id(), image, translated.conversations(),
                            english.conversations(), Map.of(), null, language.getKey(), extra));
                }
                progress.update("captions", i + 1, total);
            }
        } finally {
            gold.values().forEach(LlavaJsonWriter::close);
        }
        counts.put("captions", total);
        counts.put("gold_captions_per_language", total);
    }

    private static LlavaRecord captionPair(int index, String image, Scene scene, Renderer renderer) {
        return LlavaRecord.captionPair(String.format("caption-%06d", index), image,
                renderer.sentence(Meaning.of(Intent.ASK_CAPTION, Map.of())), renderer.sentence(DialoguePlanner.caption(scene)));
    }

    /** The same English sentences for every language; each language gets its own errors. */
    private void writeSeedCorpus(Path folder, Set<String> heldOut) throws IOException {
        int total = config.size().seedSentences();
        List<SeedSentence> sentences = seedSentences(total, scenes("seed-scenes", heldOut), streams.stream("seed"));
        Files.createDirectories(folder);
        int done = 0;
        for (Map.Entry<String, Renderer> language : renderers.entrySet()) {
            if (language.getKey().equals(ENGLISH)) {
                continue;
            }
            List<SeedEntry> entries = new ErrorInjector(language.getValue(), renderers.get(ENGLISH))
                    .inject(sentences, config.errorRates(), streams.stream("errors-" + language.getKey()));
            try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(language.getKey() + ".jsonl"),
                    StandardCharsets.UTF_8)) {
                for (SeedEntry entry : entries) {
                    out.write(JSON.writeValueAsString(entry));
                    out.write('\n');
                }
            }
            progress.update("translation seed", ++done, renderers.size() - 1);
        }
        counts.put("seed_sentences_per_language", total);
    }

    private static List<SeedSentence> seedSentences(int total, SceneGenerator scenes, SplittableRandom random) {
        List<SeedSentence> sentences = new ArrayList<>(total);
        while (sentences.size() < total) {
            Scene scene = scenes.next();
            Category category = Category.values()[random.nextInt(Category.values().length)];
            Dialogue dialogue = DialoguePlanner.plan(category, scene, random)
                    .orElseGet(() -> DialoguePlanner.conversation(scene, random));
            boolean first = true;
            for (Exchange exchange : dialogue.exchanges()) {
                for (Meaning meaning : concat(exchange.question(), exchange.answer())) {
                    if (sentences.size() < total) {
                        sentences.add(new SeedSentence(String.format("seed-%06d", sentences.size()), meaning, first));
                    }
                    first = false;
                }
            }
        }
        return sentences;
    }

    private static List<Turn> turns(Dialogue dialogue, Renderer renderer) {
        List<Turn> turns = new ArrayList<>();
        for (Exchange exchange : dialogue.exchanges()) {
            String question = renderer.text(exchange.question());
            turns.add(Turn.human(turns.isEmpty() ? Turn.IMAGE_TOKEN + "\n" + question : question));
            turns.add(Turn.gpt(renderer.text(exchange.answer())));
        }
        return turns;
    }

    /** A training set's scenes: none of the test bench's, each recorded for the validation bench to avoid. */
    private SceneGenerator scenes(String stream, Set<String> heldOut) {
        return new SceneGenerator(streams.stream(stream), 1, scene -> {
            if (heldOut.contains(scene.signature())) {
                return false;
            }
            trained.add(scene.signature());
            return true;
        });
    }

    private static Category category(SplittableRandom random) {
        int total = 0;
        for (int weight : CATEGORY_WEIGHTS) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < CATEGORY_WEIGHTS.length; i++) {
            draw -= CATEGORY_WEIGHTS[i];
            if (draw < 0) {
                return Category.values()[i];
            }
        }
        throw new IllegalStateException("category weights exhausted");
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
