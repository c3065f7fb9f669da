package dev.palo.services.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Table 1 of a run (the evaluate stage's {@code table1.json}) as the results page shows it: the table, and a bar
 * chart with both arms side by side per column, drawn as SVG on the server (no chart script to ship).
 *
 * @param bars one per arm and column, in SVG user units
 */
public record Table1View(String title, String scorer, List<String> columns, List<Row> rows, List<Bar> bars,
                         int width, int height) {
    static final int GROUP = 56;
    static final int BAR = 22;
    static final int PLOT = 200;
    static final int AXIS = 24;

    public record Row(String label, List<String> values) {
    }

    /** @param arm baseline or palo (its CSS class) */
    public record Bar(String arm, String column, double value, int x, int y, int h) {
    }

    static Table1View parse(byte[] json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the run's table1.json is not JSON", e);
        }
        List<String> columns = new ArrayList<>();
        root.path("columns").forEach(c -> columns.add(c.asText()));
        List<Row> rows = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (JsonNode row : root.path("rows")) {
            String label = row.path("label").asText();
            List<String> values = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                JsonNode value = row.path("values").path(columns.get(c));
                values.add(value.isNumber() ? String.format("%.1f", value.asDouble()) : "");
                int slot = "baseline".equals(label) ? 0 : "palo".equals(label) ? 1 : -1;
                if (slot >= 0 && value.isNumber()) {
                    double v = Math.max(0, Math.min(100, value.asDouble()));
                    int h = (int) Math.round(v / 100 * PLOT);
                    bars.add(new Bar(label, columns.get(c), value.asDouble(), c * GROUP + 6 + slot * BAR,
                            PLOT - h, h));
                }
            }
            rows.add(new Row(label, values));
        }
        return new Table1View(root.path("title").asText(""), root.path("scorer").asText(""), columns, rows, bars,
                columns.size() * GROUP, PLOT + AXIS);
    }

    /** x of a column's label, under its pair of bars. */
    public int labelX(int column) {
        return column * GROUP + BAR;
    }
}
