package dev.palo.services.datasets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.workflows.ArtifactRef;
import dev.palo.services.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
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
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class DatasetsResource {
    /** A file name: no path, and not made of dots alone ('.', '..'), which object keys cannot hold. */
    private static final String NAME = "(?!\\.+$)[A-Za-z0-9_.-]{1,100}";
    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    MinioObjectStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload an English LLaVA JSON file",
            description = "The file must be one well-formed JSON array; each record is judged by the run's validate"
                    + " stage, which quarantines bad ones with a reason. Stored under its content hash: the same file"
                    + " uploaded twice is one object, and its ref (the run's source) is returned both times.")
    public ArtifactRef upload(@QueryParam("name") String name, InputStream body) throws IOException {
        if (name == null || !name.matches(NAME)) {
            throw new BadRequestException("query parameter name must be a file name of letters, digits, '_', '.' or '-'"
                    + " (at most 100, not dots alone), got " + (name == null ? "none" : "'" + name + "'"));
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

    /**
     * Counts the elements of the top-level JSON array, reading every byte so that a file that is not one is refused
     * here with the byte offset of the fault. Judging each record is the validate stage's work: a bad record is
     * quarantined there with its reason, and the rest of the file still trains.
     */
    private static long countRecords(java.nio.file.Path file, String name) throws IOException {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new BadRequestException(name + " is not a JSON array of LLaVA records: it "
                        + (first == null ? "is empty" : "starts with " + describe(first) + " at byte "
                        + parser.currentTokenLocation().getByteOffset()));
            }
            long records = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new BadRequestException(name + " ends at byte " + Files.size(file)
                            + " before its JSON array is closed");
                }
                parser.skipChildren();
                records++;
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new BadRequestException(name + " has more JSON after its array, at byte "
                        + parser.currentTokenLocation().getByteOffset());
            }
            if (records == 0) {
                throw new BadRequestException(name + " is an empty array: it holds no LLaVA record");
            }
            return records;
        } catch (JsonProcessingException e) {
            throw new BadRequestException(name + " is not well-formed JSON at byte "
                    + e.getLocation().getByteOffset() + ": " + e.getOriginalMessage());
        }
    }

    private static String describe(JsonToken token) {
        return token == JsonToken.START_OBJECT ? "an object" : token.isScalarValue() ? "a " + token.name()
                .toLowerCase(java.util.Locale.ROOT).replace("value_", "") + " value" : token.asString();
    }
}
