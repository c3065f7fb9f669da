package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path secrets;

    @Test
    void environmentVariableWinsOverTheSecretFile() throws Exception {
        Files.writeString(secrets.resolve("OPENAI_KEY"), "from-file\n");
        ApiKeys keys = new ApiKeys(Map.of("OPENAI_KEY", "from-env", ApiKeys.SECRETS_DIR, secrets.toString()));
        assertEquals(Optional.of("from-env"), keys.resolve("OPENAI_KEY"));
    }

    @Test
    void secretFileIsReadAndTrimmed() throws Exception {
        Files.writeString(secrets.resolve("OPENAI_KEY"), "from-file\n");
        ApiKeys keys = new ApiKeys(Map.of(ApiKeys.SECRETS_DIR, secrets.toString()));
        assertEquals(Optional.of("from-file"), keys.resolve("OPENAI_KEY"));
    }

    @Test
    void absentSecretIsEmptyAndPathLikeNamesAreRefused() throws Exception {
        ApiKeys keys = new ApiKeys(Map.of(ApiKeys.SECRETS_DIR, secrets.toString()));
        assertEquals(Optional.empty(), keys.resolve("MISSING"));
        assertThrows(IllegalArgumentException.class, () -> keys.resolve("../etc/passwd"));
    }
}
