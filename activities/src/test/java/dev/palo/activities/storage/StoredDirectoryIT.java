package dev.palo.activities.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.palo.activities.support.EmbeddedStack;
import dev.palo.workflows.ArtifactRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoredDirectory} on the S3 server of {@code ./palo up}: a multipart-sized file and a small one. */
class StoredDirectoryIT {
    @TempDir
    Path temp;

    @Test
    void roundTripsThroughTheRealStore() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            Path dir = Files.createDirectories(temp.resolve("bundle"));
            byte[] weights = new byte[12 * 1024 * 1024];
            new Random(7).nextBytes(weights);
            Files.write(dir.resolve("model.safetensors"), weights);
            Files.writeString(dir.resolve("config.json"), "{\"hidden\":8}");
            StoredDirectory stored = new StoredDirectory(stack.objectStore(), temp.resolve("cache"));

            ArtifactRef index = stored.upload("it/stored-directory/" + UUID.randomUUID() + "/bundle", dir);
            Path copy = stored.download(index);

            assertArrayEquals(weights, Files.readAllBytes(copy.resolve("model.safetensors")));
            assertArrayEquals(Files.readAllBytes(dir.resolve("config.json")), Files.readAllBytes(copy.resolve("config.json")));
        }
    }
}
