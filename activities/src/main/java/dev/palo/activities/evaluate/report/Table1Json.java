package dev.palo.activities.evaluate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Table 1 as JSON: {@code {"title", "scorer", "columns": [...], "rows": [{"label", "values": {column: value}}],
 * "warnings": [...], "others": [...]}}; {@code warnings} lists what the run went on despite (empty when nothing),
 * {@code others} the tables beside it (absent when none).
 */
public final class Table1Json {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Table1Json() {
    }

    public static byte[] render(Table1 table, String title, String scorer, List<String> warnings) throws IOException {
        return render(table, title, scorer, warnings, List.of());
    }

    /**
     * With {@code others}: the same figures by the other scorers and the in-language rate, each as
     * {@code {"title", "scorer", "columns", "rows"}} in an {@code "others"} array after the warnings.
     */
    public static byte[] render(Table1 table, String title, String scorer, List<String> warnings,
                                List<Table1Report.Other> others) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        fill(root, table, title, scorer);
        warnings.forEach(root.putArray("warnings")::add);
        if (!others.isEmpty()) {
            ArrayNode array = root.putArray("others");
            others.forEach(other -> fill(array.addObject(), other.table(), other.title(), other.scorer()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static void fill(ObjectNode root, Table1 table, String title, String scorer) {
        root.put("title", title).put("scorer", scorer);
        table.columns().forEach(root.putArray("columns")::add);
        ArrayNode rows = root.putArray("rows");
        for (Table1.Row row : table.rows()) {
            ObjectNode line = rows.addObject().put("label", row.label());
            ObjectNode values = line.putObject("values");
            for (int c = 0; c < table.columns().size(); c++) {
                values.put(table.columns().get(c), row.values().get(c));
            }
        }
    }
}
