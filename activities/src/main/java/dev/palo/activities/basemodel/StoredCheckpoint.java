package dev.palo.activities.basemodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LLaVA / PALO / MobileVLM checkpoint directory in the store (HF {@code config.json} naming a {@code model_type})
 * with the CLIP directory its {@code mm_vision_tower} names, inside the checkpoint's prefix or beside it (as an
 * export folder or a hub-id layout such as {@code openai/clip-vit-large-patch14-336/} has it). Downloaded as
 * {@code <root>/model/} and {@code <root>/<mm_vision_tower>/}, where {@code LlavaImport} looks for them.
 */
final class StoredCheckpoint {
    static final String MODEL = "model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ArtifactRef> files;

    private StoredCheckpoint(Map<String, ArtifactRef> files) {
        this.files = files;
    }

    /** True when {@code prefix} holds an HF-style {@code config.json} (the platform's own has no model_type). */
    static boolean isHuggingFace(ObjectStore store, String prefix) throws IOException {
        JsonNode config = config(store, prefix);
        return config != null && config.hasNonNull("model_type");
    }

    /** Every object of the checkpoint and of its vision tower, keyed by its path under the download root. */
    static StoredCheckpoint find(ObjectStore store, String prefix) throws IOException {
        Map<String, ArtifactRef> files = new LinkedHashMap<>();
        add(store, prefix, MODEL + "/", files);
        JsonNode config = config(store, prefix);
        String tower = config.path("mm_vision_tower").asText("");
        if (!tower.isEmpty()) {
            String relative = safeRelative(tower.startsWith("./") ? tower.substring(2) : tower) + "/";
            if (store.stat(prefix + relative + "config.json").isEmpty()) {
                String parent = prefix.substring(0, prefix.lastIndexOf('/', prefix.length() - 2) + 1);
                if (store.stat(parent + relative + "config.json").isEmpty()) {
                    throw new IllegalArgumentException("the vision tower '" + tower + "' (mm_vision_tower) is neither"
                            + " at " + store.uri(prefix + relative) + " nor at " + store.uri(parent + relative));
                }
                add(store, parent + relative, relative, files);
            }
        }
        return new StoredCheckpoint(files);
    }

    /** A digest of every file's name and content, for the stage's cache key. */
    String digest() {
        List<String> lines = new ArrayList<>();
        files.forEach((path, ref) -> lines.add(path + " " + ref.sha256()));
        return Sha256.of(String.join("\n", lines));
    }

    ArtifactRef config() {
        return files.get(MODEL + "/config.json");
    }

    /** Downloads every file below {@code root}; the model directory is {@code root/model}. */
    Path download(ObjectStore store, Path root, Runnable heartbeat) throws IOException {
        for (Map.Entry<String, ArtifactRef> file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            store.download(file.getValue(), target);
            heartbeat.run();
        }
        return root.resolve(MODEL);
    }

    private static void add(ObjectStore store, String prefix, String under, Map<String, ArtifactRef> files)
            throws IOException {
        for (String key : store.list(prefix)) {
            String relative = safeRelative(key.substring(prefix.length()));
            files.put(under + relative, store.stat(key).orElseThrow());
        }
    }

    /** A relative path with no empty, {@code .} or {@code ..} segment, so nothing lands outside the download root. */
    private static String safeRelative(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw new IllegalArgumentException("unsafe path in the checkpoint: '" + path + "'");
            }
        }
        return path;
    }

    private static JsonNode config(ObjectStore store, String prefix) throws IOException {
        var ref = store.stat(prefix + "config.json");
        if (ref.isEmpty()) {
            return null;
        }
        try (InputStream in = store.open(ref.get())) {
            return JSON.readTree(in);
        }
    }
}
