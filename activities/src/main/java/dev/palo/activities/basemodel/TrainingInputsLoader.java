package dev.palo.activities.basemodel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StagedImages;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.MiniGenerator;
import dev.palo.model.base.BaseModelInputs;
import dev.palo.model.vision.ImagePreprocessor;
import dev.palo.model.vision.VisionConfig;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.LanguageSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stage's inputs from the object store: the corpus lines, the scene records' images (staged locally,
 * each image once) with their token labels, and per language the held-out replies. The static readers work on any
 * stream, so the benchmark reads a local PALO-mini folder the same way.
 */
final class TrainingInputsLoader {
    /** Replies scored per language: enough for a stable mean, few enough to score in seconds. */
    static final int HELD_OUT_LINES = 100;
    private static final int FETCH_CHUNK = 200;

    private final ObjectStore store;
    private final Path imageRoot;
    private final Runnable heartbeat;

    TrainingInputsLoader(ObjectStore store, Path imageRoot, Runnable heartbeat) {
        this.store = store;
        this.imageRoot = imageRoot;
        this.heartbeat = heartbeat;
    }

    BaseModelInputs load(BaseTrainingInputs inputs, VisionConfig vision) throws IOException {
        Map<String, String> sceneOfImage = new LinkedHashMap<>();
        for (ArtifactRef file : inputs.sceneRecords()) {
            try (LlavaJsonReader reader = new LlavaJsonReader(store.open(file), file.uri())) {
                collectScenes(reader, file.uri(), sceneOfImage);
            }
        }
        Path root = imageRoot.resolve(Sha256.of(inputs.imagePrefix()).substring(0, 16));
        List<String> images = List.copyOf(sceneOfImage.keySet());
        int missing = 0;
        Path stagedRoot = root;
        // in chunks, with a heartbeat after each, so thousands of downloads never look like a dead worker
        for (int start = 0; start < images.size(); start += FETCH_CHUNK) {
            StagedImages staged = StagedImages.fetch(store, inputs.imagePrefix(),
                    images.subList(start, Math.min(images.size(), start + FETCH_CHUNK)), root);
            missing += staged.referenced() - staged.found();
            stagedRoot = staged.root();
            heartbeat.run();
        }
        if (missing > 0) {
            throw new IllegalArgumentException(missing + " of " + images.size() + " scene images are missing under "
                    + inputs.imagePrefix());
        }
        Map<String, List<String>> heldOut = new LinkedHashMap<>();
        for (LanguageSet set : inputs.heldOut()) {
            try (LlavaJsonReader reader = new LlavaJsonReader(store.open(set.data()), set.data().uri())) {
                heldOut.put(set.language(), replies(reader));
            }
        }
        return new BaseModelInputs(lines(store.open(inputs.corpus())),
                images(sceneOfImage, stagedRoot, vision), SceneTokenLabels.SLOTS, heldOut);
    }

    /** Every line of a UTF-8 text; closes the stream. */
    static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * Adds each image record's image and scene signature (the first record naming an image wins). Text-only records
     * (the English set's share without an image) have no image to label and are passed over.
     */
    static void collectScenes(LlavaJsonReader reader, String source, Map<String, String> sceneOfImage) {
        while (reader.hasNext()) {
            LlavaRecord record = reader.next();
            if (!record.hasImage()) {
                continue;
            }
            JsonNode scene = record.extra().get(MiniGenerator.SCENE_FIELD);
            if (scene == null || !scene.isTextual()) {
                throw new IllegalArgumentException("record " + record.id() + " of " + source + " has no '"
                        + MiniGenerator.SCENE_FIELD + "' signature to label its image with");
            }
            sceneOfImage.putIfAbsent(record.image(), scene.asText());
        }
    }

    /** The first {@link #HELD_OUT_LINES} assistant replies of the records. */
    static List<String> replies(LlavaJsonReader reader) {
        List<String> replies = new ArrayList<>();
        while (reader.hasNext() && replies.size() < HELD_OUT_LINES) {
            reader.next().conversations().stream().filter(Turn::isGpt).map(Turn::value)
                    .limit(HELD_OUT_LINES - replies.size()).forEach(replies::add);
        }
        return replies;
    }

    /** The images under {@code root} with the token labels of their scenes. */
    static SceneImages images(Map<String, String> sceneOfImage, Path root, VisionConfig vision) {
        SceneTokenLabels labels = new SceneTokenLabels(vision);
        List<Path> files = new ArrayList<>();
        List<int[]> labelSets = new ArrayList<>();
        sceneOfImage.forEach((image, scene) -> {
            files.add(root.resolve(image));
            labelSets.add(labels.labels(scene));
        });
        return new SceneImages(files, labelSets, new ImagePreprocessor(vision));
    }
}
