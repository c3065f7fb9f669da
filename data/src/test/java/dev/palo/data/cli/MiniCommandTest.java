package dev.palo.data.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.mini.MiniManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MiniCommandTest {

    @Test
    void generatesATinyWorldThroughTheDataCli(@TempDir Path folder) {
        Path out = folder.resolve("mini");
        int exit = new CommandLine(new DataCli()).execute("mini", "--size", "tiny", "--seed", "3", "--out", out.toString(),
                "--error-rates", "gender=0.2", "--languages", "fr", "--lm-mix", "en=0.9,fr=0.1");
        assertEquals(0, exit);
        assertTrue(Files.isRegularFile(out.resolve(MiniManifest.FILE)));
        assertTrue(Files.isRegularFile(out.resolve("bench/english/questions.jsonl")));
        assertTrue(Files.isRegularFile(out.resolve("gold/fr.json")));
        assertFalse(Files.exists(out.resolve("gold/ar.json")), "only the languages asked for");
    }

    @Test
    void aMixWithoutAShareForALanguageOfTheDataFailsNamingIt(@TempDir Path folder) {
        StringWriter errors = new StringWriter();
        CommandLine cli = new CommandLine(new DataCli());
        cli.setErr(new PrintWriter(errors));
        int exit = cli.execute("mini", "--size", "tiny", "--languages", "de,fr", "--lm-mix", "en=0.9,fr=0.1",
                "--out", folder.resolve("x").toString());
        assertNotEquals(0, exit);
        assertTrue(errors.toString().contains("[de] have a grammar in this data but no share"), errors.toString());
    }

    @Test
    void anUnknownSizeFailsNamingTheKnownOnes(@TempDir Path folder) {
        StringWriter errors = new StringWriter();
        CommandLine cli = new CommandLine(new DataCli());
        cli.setErr(new PrintWriter(errors));
        int exit = cli.execute("mini", "--size", "huge", "--out", folder.resolve("x").toString());
        assertNotEquals(0, exit);
        assertTrue(errors.toString().contains("unknown PALO-mini size 'huge'; known sizes: tiny, demo, full"), errors.toString());
    }
}
