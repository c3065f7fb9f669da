package dev.palo.activities.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.EmbeddedStack;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MinioObjectStore} against the S3 server of {@code ./palo up}. */
class MinioObjectStoreIT {
    private static EmbeddedStack stack;
    private static ObjectStore store;
    private final String prefix = "it/objects/" + UUID.randomUUID() + "/";

    @TempDir
    Path folder;

    @BeforeAll
    static void connect() {
        stack = EmbeddedStack.requireUp();
        store = stack.objectStore();
    }

    @AfterAll
    static void disconnect() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void fileRoundTripKeepsDigestSizeAndRecordCount() throws Exception {
        Path file = folder.resolve("data.json");
        Files.writeString(file, "[{\"id\":\"1\"},{\"id\":\"2\"}]");

        ArtifactRef put = store.put(prefix + "data.json", file, "application/json", 2);

        assertEquals(Sha256.of(file), put.sha256());
        assertEquals(Files.size(file), put.size());
        assertEquals(put, store.stat(prefix + "data.json").orElseThrow());
        Path back = folder.resolve("back.json");
        store.download(put, back);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back));
    }

    @Test
    void missingObjectsAreAbsentAndListingIsByPrefixInOrder() throws Exception {
        assertFalse(store.exists(prefix + "nothing"));
        store.put(prefix + "b/2", "2".getBytes(StandardCharsets.UTF_8), "text/plain", 0);
        store.put(prefix + "a/1", "1".getBytes(StandardCharsets.UTF_8), "text/plain", 0);

        assertEquals(List.of(prefix + "a/1", prefix + "b/2"), store.list(prefix));
        assertTrue(store.exists(prefix + "a/1"));
    }

    @Test
    void downloadRefusesContentThatDoesNotMatchTheRef() throws Exception {
        ArtifactRef put = store.put(prefix + "x", "x".getBytes(StandardCharsets.UTF_8), "text/plain", 0);
        ArtifactRef wrong = new ArtifactRef(put.uri(), Sha256.of("y"), put.size(), put.mediaType(), 0);

        IOException failure = assertThrows(IOException.class, () -> store.download(wrong, folder.resolve("x")));
        assertTrue(failure.getMessage().contains(put.uri()), failure.getMessage());
    }
}
