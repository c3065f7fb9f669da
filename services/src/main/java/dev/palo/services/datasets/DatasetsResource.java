package dev.palo.services.datasets;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.workflows.ArtifactRef;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Puts an English LLaVA dataset into the platform store, so a run can name it as its source. */
@Path("/api/datasets")
@Tag(name = "datasets", description = "Source datasets in the object store")
public class DatasetsResource {
    private static final String NAME = "[A-Za-z0-9_.-]{1,100}";

    @Inject
    MinioObjectStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload an English LLaVA JSON file",
            description = "Every record is read and checked first. Stored under its content hash: the same file"
                    + " uploaded twice is one object, and its ref (the run's source) is returned both times.")
    public ArtifactRef upload(@QueryParam("name") String name, InputStream body) throws IOException {
        if (name == null || !name.matches(NAME)) {
            throw new BadRequestException("query parameter name must be a file name of letters, digits, '_', '.' or '-'"
                    + " (at most 100), got " + name);
        }
        java.nio.file.Path file = Files.createTempFile("palo-dataset-", ".json");
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            long records = countRecords(file, name);
            String key = "datasets/" + Sha256.of(file) + "/" + name;
            var existing = store.stat(key);
            return existing.isPresent() ? existing.get() : store.put(key, file, MediaType.APPLICATION_JSON, records);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Reads every record, so a malformed file is refused here rather than in the middle of a run. */
    private static long countRecords(java.nio.file.Path file, String name) throws IOException {
        try (InputStream in = Files.newInputStream(file); LlavaJsonReader reader = new LlavaJsonReader(in, name)) {
            long records = reader.stream().count();
            if (records == 0) {
                throw new BadRequestException(name + " holds no LLaVA record");
            }
            return records;
        } catch (LlavaFormatException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
