package dev.palo.data.mini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code manifest.json}, written last: the config, the counts, each language's translation set (which English
 * instructions the pipeline translates; gold covers them all) and the sha256 and size of every other file, so
 * that a consumer can check an output tree and a retried generation can tell a complete one.
 */
public final class Manifest {

    public static final String FILE = "manifest.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    /**
     * One file's entry, a record so that its fields keep their order: with {@code Map.of} they swapped between
     * JVMs, and the manifest's hash, which addresses the uploaded source, changed with them.
     */
    record FileEntry(String sha256, long bytes) {
    }

    /** Hashes every file under {@code root} and writes the manifest beside them. */
    public static Path write(Path root, Map<String, Object> config, Map<String, Object> counts,
            Map<String, Object> translationSets, Progress progress) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.equals(root.resolve(FILE))).sorted().toList();
        }
        Map<String, Object> entries = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            entries.put(root.relativize(file).toString().replace('\\', '/'),
                    new FileEntry(sha256(file), Files.size(file)));
            progress.update("manifest", i + 1, files.size());
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("generator", "palo-mini");
        manifest.put("config", config);
        manifest.put("counts", counts);
        manifest.put(MiniGenerator.TRANSLATION_SETS, translationSets);
        manifest.put("files", entries);
        Path target = root.resolve(FILE);
        MAPPER.writeValue(target.toFile(), manifest);
        return target;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
