package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.lang.ExtraLanguages;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An eleventh language is data only: Esperanto, which the platform does not ship, comes from the test resources'
 * {@code languages-extra/} (a registry entry and a PALO-mini grammar, named by {@code PALO_LANGUAGES_EXTRA} in the
 * module's Failsafe configuration, see the activities pom) and goes with French through every stage to Table 1 against the
 * real stack, trained into the base LM like every other language.
 */
class EleventhLanguageIT {
    private static final String ELEVENTH = "eo";

    @TempDir
    Path work;

    @Test
    void aLanguageFromAnExtraFolderRunsThroughEveryStageToTable1() throws Exception {
        assertFalse(ExtraLanguages.folders().isEmpty(), ExtraLanguages.ENV + " must name the test's language folder");
        Language esperanto = LanguageRegistry.palo().get(ELEVENTH);
        assertFalse(esperanto.defaultSet());

        FullPipelineIT.FinishedRun run = FullPipelineIT.runToTable1(work, List.of(ELEVENTH, "fr"));

        JsonNode lines = new ObjectMapper().readTree(run.tree().resolve("manifest.json").toFile())
                .at("/counts/base_lm_lines");
        assertTrue(lines.path(ELEVENTH).asInt() > 0, "the eleventh language has base-LM text: " + lines);
        List<String> header = cells(row(run.table(), "| Model"));
        assertTrue(header.contains(ELEVENTH), run.table());
        List<String> palo = cells(row(run.table(), "| palo |"));
        String score = palo.get(header.indexOf(ELEVENTH));
        assertTrue(score.matches("[0-9.]+"), "a score in the " + ELEVENTH + " column: " + run.table());
        assertEquals(score, palo.get(header.indexOf("Avg.L")), "the only low-resource language makes Avg.L");
        assertEquals(List.of("fr", ELEVENTH), LanguageRegistry.palo().all().stream().map(Language::code)
                .filter(code -> code.equals("fr") || code.equals(ELEVENTH)).toList(), "after the shipped ones");
    }

    private static String row(String table, String start) {
        return table.lines().filter(line -> line.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + start + " in " + table));
    }

    private static List<String> cells(String row) {
        return Arrays.stream(row.split("\\|")).map(String::trim).filter(cell -> !cell.isEmpty()).toList();
    }
}
