package dev.palo.activities.evaluate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Table 1 as JSON: {@code {"title", "scorer", "columns": [...], "rows": [{"label", "values": {column: value}}],
 * "warnings": [...]}}; {@code warnings} lists what the run went on despite (empty when nothing).
 */
public final class Table1Json {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Table1Json() {
    }

    public static byte[] render(Table1 table, String title, String scorer, List<String> warnings) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("title", title).put("scorer", scorer);
        table.columns().forEach(root.putArray("columns")::add);
        ArrayNode rows = root.putArray("rows");
        for (Table1.Row row : table.rows()) {
            ObjectNode line = rows.addObject().put("label", row.label());
            ObjectNode values = line.putObject("values");
            for (int c = 0; c < table.columns().size(); c++) {
                values.put(table.columns().get(c), row.values().get(c));
            }
        }
        warnings.forEach(root.putArray("warnings")::add);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
