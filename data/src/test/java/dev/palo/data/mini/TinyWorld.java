package dev.palo.data.mini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One {@code tiny} PALO-mini tree (seed 7) shared by the test classes of this package, and file helpers. */
final class TinyWorld {

    static final long SEED = 7;
    private static Path root;

    private TinyWorld() {
    }

    static synchronized Path root() {
        if (root == null) {
            root = generate(SEED);
        }
        return root;
    }

    static Path generate(long seed) {
        try {
            Path folder = Files.createTempDirectory("palo-mini-" + seed + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
            new MiniGenerator(MiniConfig.of(MiniSize.TINY, seed), Progress.NONE).generate(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The languages every tree of {@link #generate} holds: the registry's default set. */
    static List<Language> languages() {
        return LanguageRegistry.palo().defaults();
    }

    static List<String> codes() {
        return languages().stream().map(Language::code).toList();
    }

    static List<LlavaRecord> records(Path file) throws IOException {
        try (LlavaJsonReader reader = LlavaJsonReader.open(file)) {
            List<LlavaRecord> records = new ArrayList<>();
            reader.forEachRemaining(records::add);
            return records;
        }
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(mapper.readTree(line));
        }
        return lines;
    }

    /** Relative path → sha256 of every file under {@code folder}. */
    static Map<String, String> hashes(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(folder.relativize(file).toString(), MiniManifest.sha256(file));
            }
        }
        return hashes;
    }

    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
