package dev.palo.activities.evaluate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.evaluate.LanguageScore;
import dev.palo.activities.evaluate.ScoresFile;
import dev.palo.data.lang.LanguageRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class Table1Test {
    private static ScoresFile arm(String arm, Map<String, Double> scores) {
        return new ScoresFile(arm, "reference", null, scores.entrySet().stream()
                .map(e -> new LanguageScore(e.getKey(), e.getValue(), Map.of(), 60, 0, null)).toList());
    }

    private static Map<String, Double> scores(Object... codeAndScore) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < codeAndScore.length; i += 2) {
            scores.put((String) codeAndScore[i], (Double) codeAndScore[i + 1]);
        }
        return scores;
    }

    /**
     * Requested out of order (ur before en): columns follow the paper. By hand:
     * baseline Avg.H (60 + 40) / 2 = 50.0, Avg.L (20 + 30) / 2 = 25.0, Avg. 150 / 4 = 37.5;
     * palo Avg.H (58 + 45) / 2 = 51.5, Avg.L (41 + 33.3) / 2 = 37.15 → 37.2 (37.149999… as a double,
     * so Python's round gives 37.1), Avg. 177.3 / 4 = 44.325 → 44.3; delta of the printed figures.
     */
    private static Table1 table() {
        return Table1.of(List.of(
                arm("palo", scores("ur", 41.0, "en", 58.0, "zh", 45.0, "ar", 33.3)),
                arm("baseline", scores("ur", 20.0, "en", 60.0, "zh", 40.0, "ar", 30.0))), LanguageRegistry.palo());
    }

    @Test
    void columnsFollowThePaperAndAveragesGroupByResourceLevel() {
        Table1 table = table();
        assertEquals(List.of("en", "zh", "ar", "ur", "Avg.H", "Avg.L", "Avg."), table.columns());
        assertEquals(List.of("baseline", "palo", Table1.DELTA), table.rows().stream().map(Table1.Row::label).toList());
        Table1.Row baseline = table.rows().get(0);
        assertEquals(List.of(60.0, 40.0, 30.0, 20.0, 50.0, 25.0, 37.5), baseline.values());
        Table1.Row palo = table.rows().get(1);
        assertEquals(51.5, palo.value(table, "Avg.H"));
        assertEquals(37.1, palo.value(table, "Avg.L"));
        assertEquals(44.3, palo.value(table, "Avg."));
        Table1.Row delta = table.rows().get(2);
        assertEquals(List.of(-2.0, 5.0, 3.3, 21.0, 1.5, 12.1, 6.8), delta.values());
    }

    @Test
    void oneArmHasNoDeltaRowAndAbsentGroupsNoAverageColumn() {
        Table1 table = Table1.of(List.of(arm("palo", scores("en", 50.0, "fr", 40.0))), LanguageRegistry.palo());
        assertEquals(List.of("en", "fr", "Avg.H", "Avg."), table.columns());
        assertEquals(1, table.rows().size());
    }

    @Test
    void armsScoredInDifferentLanguagesAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Table1.of(List.of(
                arm("baseline", scores("en", 1.0)), arm("palo", scores("ar", 1.0))), LanguageRegistry.palo()));
        assertTrue(error.getMessage().contains("different languages"), error.getMessage());
    }

    @Test
    void markdownHasAHeaderAndEveryRow() {
        String markdown = Table1Markdown.render(table(), "Table 1", List.of());
        List<String> lines = markdown.lines().toList();
        assertEquals(7, lines.size(), "no warnings: nothing below the table");
        assertEquals("| Model | en | zh | ar | ur | Avg.H | Avg.L | Avg. |", lines.get(2));
        assertEquals("| baseline | 60.0 | 40.0 | 30.0 | 20.0 | 50.0 | 25.0 | 37.5 |", lines.get(4));
        assertTrue(lines.get(5).startsWith("| palo | 58.0 | 45.0 | 33.3 | 41.0 |"), lines.get(5));
        assertEquals("| palo − baseline | -2.0 | +5.0 | +3.3 | +21.0 | +1.5 | +12.1 | +6.8 |", lines.get(6));
    }

    @Test
    void warningsAreStatedBelowTheTableAndInTheJson() throws Exception {
        String warning = "ur: only 10 of 100 translated records passed QA (10%), below the floor of 50%";
        String markdown = Table1Markdown.render(table(), "Table 1", List.of(warning));
        assertTrue(markdown.contains("**Warnings**"), markdown);
        assertTrue(markdown.endsWith("- " + warning + "\n"), markdown);
        JsonNode json = new ObjectMapper().readTree(Table1Json.render(table(), "Table 1", "reference", List.of(warning)));
        assertEquals(warning, json.path("warnings").path(0).asText());
    }

    @Test
    void jsonHoldsEveryValueByColumn() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Table1Json.render(table(), "Table 1", "reference", List.of()));
        assertEquals(0, json.path("warnings").size());
        assertEquals("reference", json.path("scorer").asText());
        assertEquals(7, json.path("columns").size());
        assertEquals(21.0, json.path("rows").path(2).path("values").path("ur").asDouble());
        assertEquals("palo", json.path("rows").path(1).path("label").asText());
    }

    @Test
    void theChartIsAPngOfTheChartsSize() throws Exception {
        byte[] png = Table1Chart.png(table(), "Table 1");
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the PNG decodes");
        assertEquals(Table1Chart.WIDTH, image.getWidth());
        assertEquals(Table1Chart.HEIGHT, image.getHeight());
    }

    @Test
    void besideTable1ComeTheOtherScorersAndTheInLanguageRateWhereEveryArmHasThem() {
        ScoresFile baseline = new ScoresFile("baseline", "content", null, List.of(
                new LanguageScore("en", 80.0, Map.of(), 60, 0, null, Map.of("content", 80.0, "reference", 70.0), 100.0),
                new LanguageScore("ur", 60.0, Map.of(), 60, 0, null, Map.of("content", 60.0, "reference", 20.0), 5.0)));
        ScoresFile palo = new ScoresFile("palo", "content", null, List.of(
                new LanguageScore("en", 82.0, Map.of(), 60, 0, null, Map.of("content", 82.0, "reference", 72.0), 100.0),
                new LanguageScore("ur", 70.0, Map.of(), 60, 0, null, Map.of("content", 70.0, "reference", 50.0), 95.0)));
        List<Table1Report.Other> others = Table1Report.others(List.of(palo, baseline), LanguageRegistry.palo());
        assertEquals(List.of("reference", Table1Report.IN_LANGUAGE), others.stream().map(Table1Report.Other::key).toList());
        assertEquals(30.0, others.get(0).table().rows().get(2).value(others.get(0).table(), "ur"));
        assertEquals(90.0, others.get(1).table().rows().get(2).value(others.get(1).table(), "ur"));
        String markdown = Table1Markdown.render(Table1.of(List.of(palo, baseline), LanguageRegistry.palo()), "Table 1",
                List.of(), others);
        assertTrue(markdown.contains("### Beside Table 1: answers written in the question's language (%), Lingua\n\n"
                + "| Model | en | ur | Avg.H | Avg.L | Avg. |\n|---|---:|---:|---:|---:|---:|\n"
                + "| baseline | 100.0 | 5.0 | 100.0 | 5.0 | 52.5 |\n| palo | 100.0 | 95.0 | 100.0 | 95.0 | 97.5 |\n"
                + "| palo − baseline | +0.0 | +90.0 | +0.0 | +90.0 | +45.0 |\n"), markdown);
        assertEquals(List.of(), Table1Report.others(List.of(arm("baseline", scores("en", 50.0))), LanguageRegistry.palo()),
                "scores files from before these figures give no table beside");
    }
}
