package dev.palo.benchmarks.bench;

import java.util.Locale;

/**
 * The report as one Markdown table (figure, this project, anchor, ratio, target, met?, load), then each figure's note
 * by number: what the terminal prints and what the README's Performance section shows.
 */
public final class BenchTable {
    private BenchTable() {
    }

    public static String render(BenchReport report) {
        StringBuilder text = new StringBuilder();
        text.append("| # | row | figure | this project | anchor | ratio | target | met? | load before → after |\n");
        text.append("|---|---|---|---|---|---|---|---|---|\n");
        int number = 0;
        for (BenchResult result : report.results()) {
            BenchFigure figure = result.figure();
            text.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s → %s |%n", ++number,
                    result.row(), figure.figure(), measure(figure.ours()), measure(figure.anchor()),
                    figure.ratio() == null ? "—" : String.format(Locale.ROOT, "%.3g×", figure.ratio()),
                    figure.target() == null ? "—" : figure.target().text(), met(figure.met()), result.loadBefore(),
                    result.loadAfter()));
        }
        text.append('\n');
        number = 0;
        for (BenchResult result : report.results()) {
            BenchFigure figure = result.figure();
            text.append(++number).append(". ");
            if (figure.anchor() != null) {
                text.append("anchor: ").append(figure.anchor().what()).append(". ");
            }
            if (figure.ours() != null) {
                text.append("this project: ").append(figure.ours().what()).append(". ");
            }
            // a failure's message may span lines; the list keeps one line per figure
            text.append(figure.note().replace('\n', ' ')).append('\n');
        }
        return text.toString();
    }

    private static String measure(Measure measure) {
        return measure == null ? "not measured" : measure.text();
    }

    private static String met(Boolean met) {
        return met == null ? "—" : met ? "yes" : "**no**";
    }
}
