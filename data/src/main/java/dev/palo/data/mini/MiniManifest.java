package dev.palo.data.mini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * PALO-mini's {@code manifest.json}, written last: the config, the counts, each language's translation set (which
 * English instructions the pipeline translates; gold covers them all) and the sha256 and size of every other file, so
 * that a consumer can check an output tree and a retried generation can tell a complete one. Every reader of the
 * file goes through this record.
 *
 * <p>Same seed, same bytes: every map keeps the generator's insertion order or is sorted, never a hash map's, whose
 * order differs from one JVM to the next; the manifest's hash addresses the uploaded source.
 *
 * @param generator       always {@code palo-mini}
 * @param config          the generator's settings (size, seed, error rates, base-LM mix, languages), as written
 * @param counts          what the tree holds, by name ({@code english_instructions}, {@code captions}, …); a number
 *                        or, for {@code base_lm_lines}, lines per language
 * @param translationSets per language code, the English records the pipeline translates and their gold
 * @param files           per path relative to the tree, every other file's sha256 and size, in path order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"generator", "config", "counts", MiniGenerator.TRANSLATION_SETS, "files"})
public record MiniManifest(String generator, Map<String, Object> config, Map<String, Object> counts,
                           @JsonProperty(MiniGenerator.TRANSLATION_SETS) Map<String, TranslationSet> translationSets,
                           Map<String, FileEntry> files) {

    public static final String FILE = "manifest.json";
    public static final String GENERATOR = "palo-mini";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public MiniManifest {
        config = ordered(config);
        counts = ordered(counts);
        translationSets = ordered(translationSets);
        files = files == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /**
     * One language's translation set: the first {@code count} records of {@code source}, from {@code firstId} to
     * {@code lastId}, and the gold file holding their reference translations (paths relative to the tree).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"source", "count", "first_id", "last_id", "gold"})
    public record TranslationSet(String source, long count, @JsonProperty("first_id") String firstId,
                                 @JsonProperty("last_id") String lastId, String gold) {

        public TranslationSet withSource(String otherSource) {
            return new TranslationSet(otherSource, count, firstId, lastId, gold);
        }
    }

    /**
     * One file's entry, a record so that its fields keep their order: with {@code Map.of} they swapped between
     * JVMs, and the manifest's hash, which addresses the uploaded source, changed with them.
     */
    @JsonPropertyOrder({"sha256", "bytes"})
    public record FileEntry(String sha256, long bytes) {
    }

    /** The translation set of {@code language}, if the manifest names one. */
    public Optional<TranslationSet> translationSet(String language) {
        return Optional.ofNullable(translationSets.get(language));
    }

    /** This manifest with every translation set changed by {@code change}. */
    public MiniManifest withTranslationSets(UnaryOperator<TranslationSet> change) {
        Map<String, TranslationSet> changed = new LinkedHashMap<>();
        translationSets.forEach((code, set) -> changed.put(code, change.apply(set)));
        return new MiniManifest(generator, config, counts, changed, files);
    }

    /** The manifest of the tree at {@code root}. */
    public static MiniManifest read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(root + " is not a PALO-mini tree: no " + FILE + " (generate one with"
                    + " `./palo data mini`)");
        }
        return MAPPER.readValue(file.toFile(), MiniManifest.class);
    }

    /** A manifest read from a stream (the store's copy); the caller closes the stream. */
    public static MiniManifest read(InputStream in) throws IOException {
        return MAPPER.readValue(in, MiniManifest.class);
    }

    /** Writes this manifest as the tree's {@link #FILE} under {@code root}, returning its path. */
    public Path writeTo(Path root) throws IOException {
        Path target = root.resolve(FILE);
        MAPPER.writeValue(target.toFile(), this);
        return target;
    }

    /** Hashes every file under {@code root} and writes the manifest beside them. */
    static Path write(Path root, Map<String, Object> config, Map<String, Object> counts,
                      Map<String, TranslationSet> translationSets, Progress progress) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile).filter(p -> !p.equals(root.resolve(FILE))).sorted().toList();
        }
        Map<String, FileEntry> entries = new TreeMap<>();
        for (int i = 0; i < paths.size(); i++) {
            Path file = paths.get(i);
            entries.put(root.relativize(file).toString().replace('\\', '/'),
                    new FileEntry(sha256(file), Files.size(file)));
            progress.update("manifest", i + 1, paths.size());
        }
        return new MiniManifest(GENERATOR, config, counts, translationSets, entries).writeTo(root);
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

    /** The generator's order kept (it is deterministic), unmodifiable; none is empty. */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
