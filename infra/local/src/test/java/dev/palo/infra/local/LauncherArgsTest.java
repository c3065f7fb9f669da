package dev.palo.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LauncherArgsTest {
    private static final List<String> REQUIRED = List.of("dir", "port");

    @Test
    void readsNamedOptions() {
        LauncherArgs args = new LauncherArgs("T", new String[] {"--dir", "state", "--port", "9000"}, REQUIRED);
        assertEquals(Path.of("state").toAbsolutePath(), args.path("dir"));
        assertEquals(9000, args.port("port"));
    }

    @Test
    void namesAMissingOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LauncherArgs("T", new String[] {"--dir", "state"}, REQUIRED));
        assertTrue(e.getMessage().contains("--port"), e.getMessage());
    }

    @Test
    void rejectsAValueWithoutItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LauncherArgs("T", new String[] {"state", "--port", "9000"}, REQUIRED));
        assertTrue(e.getMessage().contains("'state'"), e.getMessage());
    }

    @Test
    void rejectsAPortOutOfRangeNamingTheOption() {
        for (String bad : List.of("0", "65536", "http")) {
            LauncherArgs args = new LauncherArgs("T", new String[] {"--dir", "state", "--port", bad}, REQUIRED);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> args.port("port"));
            assertTrue(e.getMessage().contains("--port") && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
