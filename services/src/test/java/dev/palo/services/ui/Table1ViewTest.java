package dev.palo.services.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Table1ViewTest {
    private static final String JSON = """
            {"title": "PALO-mini", "scorer": "chrf", "columns": ["en", "ar", "Avg.L"],
             "rows": [{"label": "baseline", "values": {"en": 50.0, "ar": 10.0, "Avg.L": 10.0}},
                      {"label": "palo", "values": {"en": 49.5, "ar": 35.25, "Avg.L": 35.25}},
                      {"label": "palo − baseline", "values": {"en": -0.5, "ar": 25.25, "Avg.L": 25.25}}]}""";

    @Test
    void tableKeepsEveryRowAndTheChartOnlyTheArms() {
        Table1View view = Table1View.parse(JSON.getBytes(StandardCharsets.UTF_8), new ObjectMapper());

        assertEquals(List.of("en", "ar", "Avg.L"), view.columns());
        assertEquals(List.of("baseline", "palo", "palo − baseline"), view.rows().stream().map(Table1View.Row::label).toList());
        assertEquals(List.of("49.5", "35.3", "35.3"), view.rows().get(1).values());
        assertEquals(6, view.bars().size());
        Table1View.Bar paloArabic = view.bars().get(4);
        assertEquals("palo", paloArabic.arm());
        assertEquals("ar", paloArabic.column());
        assertEquals(Table1View.GROUP + 6 + Table1View.BAR, paloArabic.x());
        assertEquals(Math.round(0.3525 * Table1View.PLOT), paloArabic.h());
        assertEquals(Table1View.PLOT - paloArabic.h(), paloArabic.y());
    }
}
