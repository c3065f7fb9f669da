package dev.palo.activities.evaluate.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** Table 1 as a PNG bar chart: per column a group of bars, one per arm (the delta row is left out). */
public final class Table1Chart {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;
    private static final List<Color> ARM_COLOURS = List.of(new Color(0x9E9E9E), new Color(0x1565C0));

    private Table1Chart() {
    }

    public static byte[] png(Table1 table, String title) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Table1.Row> arms = table.rows().stream().filter(row -> !row.label().equals(Table1.DELTA)).toList();
        for (Table1.Row arm : arms) {
            for (int c = 0; c < table.columns().size(); c++) {
                data.addValue(arm.values().get(c), arm.label(), table.columns().get(c));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "language", "relative score (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setShadowVisible(false);
        for (int series = 0; series < arms.size(); series++) {
            renderer.setSeriesPaint(series, ARM_COLOURS.get(series % ARM_COLOURS.size()));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        return png.toByteArray();
    }
}
