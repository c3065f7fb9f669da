package dev.palo.activities.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.workflows.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredDirectoryTest {
    @TempDir
    Path temp;

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void roundTripsNestedFilesAndWritesTheIndexLast() throws Exception {
        Path dir = folder("bundle", "config.json", "{}", "weights/model.safetensors", "tensor bytes");
        StoredDirectory stored = new StoredDirectory(store, temp.resolve("cache"));

        ArtifactRef index = stored.upload("runs/r1/pretrain/-/k/bundle/", dir);

        assertEquals(store.uri("runs/r1/pretrain/-/k/bundle.directory.json"), index.uri());
        assertEquals(StoredDirectory.MEDIA_TYPE, index.mediaType());
        assertEquals(2, index.recordCount());
        assertEquals(List.of("runs/r1/pretrain/-/k/bundle.directory.json", "runs/r1/pretrain/-/k/bundle/config.json",
                "runs/r1/pretrain/-/k/bundle/weights/model.safetensors"), store.list("runs/r1/"));
        Path copy = stored.download(index);
        assertArrayEquals(Files.readAllBytes(dir.resolve("weights/model.safetensors")),
                Files.readAllBytes(copy.resolve("weights/model.safetensors")));
        assertEquals("{}", Files.readString(copy.resolve("config.json")));
    }

    @Test
    void sameContentGivesTheSameIndexAndOneCachedCopy() throws Exception {
        Path dir = folder("a", "x.bin", "1", "y.bin", "2");
        StoredDirectory stored = new StoredDirectory(store, temp.resolve("cache"));
        ArtifactRef first = stored.upload("p/one", dir);
        ArtifactRef second = stored.upload("p/one", dir);

        assertEquals(first.sha256(), second.sha256());
        Path copy = stored.download(first);
        assertEquals(copy, stored.download(second));
        try (var entries = Files.list(temp.resolve("cache"))) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void anUploadThatFailsMidwayLeavesNoIndex() throws Exception {
        Path dir = folder("c", "a.bin", "1", "b.bin", "2");
        ObjectStore failing = (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") && args[0].toString().endsWith("b.bin")) {
                        throw new java.io.IOException("connection reset");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        assertThrows(java.io.IOException.class, () -> new StoredDirectory(failing, temp).upload("p/c", dir));
        assertEquals(List.of("p/c/a.bin"), store.list("p/"));
    }

    @Test
    void refusesRefsThatAreNotDirectories() throws Exception {
        ArtifactRef file = store.put("k/file.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json", 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new StoredDirectory(store, temp).download(file));
        assertTrue(error.getMessage().contains("not a stored directory"), error.getMessage());
    }

    private Path folder(String name, String... pathsAndContents) throws Exception {
        Path dir = temp.resolve(name);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = dir.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        return dir;
    }
}
