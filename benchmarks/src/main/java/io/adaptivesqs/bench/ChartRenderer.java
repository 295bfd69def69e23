package io.adaptivesqs.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * One chart per scenario: throughput, pollers, buffer depth and limbo over time, stacked on one time axis, with the
 * contenders overlaid (one colour each; with several consumers, one dash pattern per consumer). Grey dashes are the
 * references: what could be delivered, and the ideal poller count. Phase changes are vertical lines (taken from the
 * first contender; a drained queue's burst ends at a different moment for each).
 */
final class ChartRenderer {

    static final int WIDTH = 1000;
    static final int HEIGHT = 900;
    private static final Color REFERENCE = new Color(0x88, 0x88, 0x88);
    private static final List<Color> FIXED_COLOURS = List.of(new Color(0x2c, 0xa0, 0x2c), new Color(0xff, 0x7f, 0x0e),
            new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b));
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}};

    private ChartRenderer() {
    }

    static String svg(ScenarioOutcome outcome) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        chart(outcome).draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g2.getSVGElement();
    }

    static byte[] png(ScenarioOutcome outcome) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart(outcome), WIDTH, HEIGHT);
        return bytes.toByteArray();
    }

    static JFreeChart chart(ScenarioOutcome outcome) {
        NumberAxis time = new NumberAxis("seconds");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(8);
        plot.add(panel(outcome, "throughput (msg/s, 1 s)", true, ChartRenderer::throughputAt, Sample::possible), 3);
        plot.add(panel(outcome, "receives in flight", false, (samples, i) -> samples.get(i).receivesInFlight(), null),
                2);
        plot.add(panel(outcome, "buffer depth", false, (samples, i) -> samples.get(i).bufferDepth(), null), 1);
        plot.add(panel(outcome, "limbo (received, not completed)", false,
                (samples, i) -> samples.get(i).limbo(), null), 2);
        addIdealPollers((XYPlot) plot.getSubplots().get(1), outcome);
        JFreeChart chart = new JFreeChart(outcome.scenario().title(), new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.addSubtitle(new TextTitle(outcome.scenario().description(), new Font("SansSerif", Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    interface Series {
        double at(List<Sample> samples, int index);
    }

    private static XYPlot panel(ScenarioOutcome outcome, String label, boolean legend, Series series,
                                ToDoubleFunction<Sample> reference) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (TrialRecord trial : outcome.trials()) {
            Timeline timeline = trial.timeline();
            for (int c = 0; c < timeline.consumers(); c++) {
                String name = trial.contender().label() + (timeline.consumers() > 1 ? " #" + (c + 1) : "");
                XYSeries line = new XYSeries(name, false, true);
                List<Sample> samples = timeline.consumer(c);
                for (int i = 1; i < samples.size(); i++) {
                    double value = series.at(samples, i);
                    if (!Double.isNaN(value)) {
                        line.add(samples.get(i).seconds(), value);
                    }
                }
                int index = data.getSeriesCount();
                data.addSeries(line);
                renderer.setSeriesPaint(index, colour(outcome.scenario(), trial.contender()));
                renderer.setSeriesStroke(index, stroke(1.6f, DASHES[c % DASHES.length]));
            }
        }
        if (reference != null && !outcome.trials().isEmpty()) {
            List<Sample> samples = outcome.trials().get(0).timeline().consumer(0);
            XYSeries line = new XYSeries("possible" + (outcome.scenario().consumers() > 1 ? " (per consumer)" : ""),
                    false, true);
            samples.stream().skip(1).forEach(s -> line.add(s.seconds(), reference.applyAsDouble(s)));
            addReference(data, renderer, line);
        }
        renderer.setDefaultSeriesVisibleInLegend(legend);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        if (!outcome.trials().isEmpty()) {
            for (double start : outcome.trials().get(0).timeline().phaseStarts()) {
                ValueMarker marker = new ValueMarker(start, Color.GRAY, stroke(1f, new float[] {3f, 3f}));
                plot.addDomainMarker(marker);
            }
        }
        return plot;
    }

    /** The ideal poller count per phase, from the first contender's measured round trips. */
    private static void addIdealPollers(XYPlot plot, ScenarioOutcome outcome) {
        if (outcome.trials().isEmpty()) {
            return;
        }
        List<Sample> samples = outcome.trials().get(0).timeline().consumer(0);
        Map<Integer, Integer> ideal = new HashMap<>();
        XYSeries line = new XYSeries("ideal", false, true);
        for (Sample s : samples.subList(1, samples.size())) {
            line.add(s.seconds(), ideal.computeIfAbsent(s.phase(), phase ->
                    Capacity.idealPollers(s.possible(), Analysis.rttMillis(samples, phase), Scenario.MIN_POLLERS)));
        }
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        addReference((XYSeriesCollection) plot.getDataset(), renderer, line);
        renderer.setSeriesVisibleInLegend(plot.getDataset().getSeriesCount() - 1, true);
    }

    private static void addReference(XYSeriesCollection data, XYLineAndShapeRenderer renderer, XYSeries line) {
        int index = data.getSeriesCount();
        data.addSeries(line);
        renderer.setSeriesPaint(index, REFERENCE);
        renderer.setSeriesStroke(index, stroke(1.2f, new float[] {6f, 4f}));
    }

    private static double throughputAt(List<Sample> samples, int index) {
        return Analysis.rollingRate(samples, index, 1.0);
    }

    /** Adaptive blue, stock red, each fixed-N its own colour in the order the scenario lists them. */
    static Color colour(Scenario scenario, Contender contender) {
        if (contender instanceof Contender.Adaptive) {
            return new Color(0x1f, 0x77, 0xb4);
        }
        if (contender instanceof Contender.Stock) {
            return new Color(0xd6, 0x27, 0x28);
        }
        List<Contender> fixed = scenario.contenders().stream().filter(c -> c instanceof Contender.Fixed).toList();
        return FIXED_COLOURS.get(Math.max(0, fixed.indexOf(contender)) % FIXED_COLOURS.size());
    }

    private static Stroke stroke(float width, float[] dash) {
        return dash == null ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }
}
