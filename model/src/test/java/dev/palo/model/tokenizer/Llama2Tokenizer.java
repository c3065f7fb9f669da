package dev.palo.model.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Maven test setup wrote the Llama-2 tokenizer.json (see model/pom.xml). */
public final class Llama2Tokenizer {

    private Llama2Tokenizer() {
    }

    public static Path path() {
        String property = System.getProperty("palo.llama2.tokenizer");
        Path path = Path.of(property != null ? property : "target/llama2-tokenizer/tokenizer.json");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Llama-2 tokenizer.json missing at " + path
                    + ": run the tests through Maven (generate-test-resources builds it from npm)");
        }
        return path;
    }
}
