package dev.palo.activities.evaluate.report;

import java.util.List;
import java.util.Locale;

/**
 * Table 1 as a Markdown table: a header of columns, then a line per row, figures to one decimal; below it, the
 * warnings the run went on despite, so that nobody reads a language's column without them.
 */
public final class Table1Markdown {
    private Table1Markdown() {
    }

    public static String render(Table1 table, String title, List<String> warnings) {
        return render(table, title, warnings, List.of());
    }

    /** With {@code others}, each a table of its own below the warnings. */
    public static String render(Table1 table, String title, List<String> warnings, List<Table1Report.Other> others) {
        StringBuilder out = new StringBuilder();
        table(out, table, title);
        if (!warnings.isEmpty()) {
            out.append("\n**Warnings** (the run went on despite these):\n\n");
            warnings.forEach(warning -> out.append("- ").append(warning).append('\n'));
        }
        for (Table1Report.Other other : others) {
            out.append('\n');
            table(out, other.table(), other.title());
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Table1 table, String title) {
        out.append("### ").append(title).append("\n\n| Model |");
        table.columns().forEach(column -> out.append(' ').append(column).append(" |"));
        out.append("\n|---|");
        table.columns().forEach(column -> out.append("---:|"));
        out.append('\n');
        for (Table1.Row row : table.rows()) {
            boolean delta = row.label().equals(Table1.DELTA);
            out.append("| ").append(row.label()).append(" |");
            row.values().forEach(value -> out.append(' ').append(format(value, delta)).append(" |"));
            out.append('\n');
        }
    }

    private static String format(double value, boolean signed) {
        return String.format(Locale.ROOT, signed ? "%+.1f" : "%.1f", value);
    }
}
