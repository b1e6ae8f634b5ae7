package org.icugym.cli.cohort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.cohort.CohortStatistics;
import org.icugym.core.clinical.cohort.MimicTargets;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a cohort report: one histogram per MIMIC target feature (cohort density as bars,
 * the target's normal density as a line), the stay lengths and the action frequencies.
 */
final class CohortCharts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;

    private CohortCharts() {}

    /** Writes every chart into {@code dir}; returns the file names written. */
    static List<String> write(CohortStatistics stats, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        for (int t = 0; t < MimicTargets.FEATURES.size(); t++) {
            String name = "hist_" + MimicTargets.FEATURES.get(t).feature().name() + ".png";
            save(featureHistogram(stats, t), dir.resolve(name));
            names.add(name);
        }
        save(stayLengths(stats), dir.resolve("stay_lengths.png"));
        names.add("stay_lengths.png");
        save(actions(stats), dir.resolve("actions.png"));
        names.add("actions.png");
        return names;
    }

    private static CategoryChart featureHistogram(CohortStatistics stats, int t) {
        MimicTargets.FeatureTarget target = MimicTargets.FEATURES.get(t);
        long[] counts = stats.histogram(t);
        double low = CohortStatistics.histogramLow(t);
        double width = (CohortStatistics.histogramHigh(t) - low) / counts.length;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        List<String> x = new ArrayList<>();
        List<Double> cohort = new ArrayList<>();
        List<Double> normal = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) {
            double mid = low + (b + 0.5) * width;
            x.add(String.format(Locale.ROOT, "%.4g", mid));
            cohort.add(total == 0 ? 0 : counts[b] / (double) total);
            double z = (mid - target.mean()) / target.sd();
            normal.add(width / (target.sd() * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * z * z));
        }
        CategoryChart chart = chart(target.feature().description() + " (" + target.feature().unit() + ")",
                target.feature().unit(), "share of recorded values");
        chart.addSeries("cohort", x, cohort);
        chart.addSeries(String.format(Locale.ROOT, "MIMIC-IV N(%.4g, %.4g)", target.mean(), target.sd()), x, normal)
                .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                .setMarker(SeriesMarkers.NONE);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setAxisTickLabelsFont(chart.getStyler().getAxisTickLabelsFont().deriveFont(8f));
        return chart;
    }

    private static CategoryChart stayLengths(CohortStatistics stats) {
        long[] lengths = stats.lengthCounts();
        List<String> x = new ArrayList<>();
        List<Long> y = new ArrayList<>();
        int last = lengths.length - 1;
        while (last > 1 && lengths[last] == 0) {
            last--;
        }
        for (int n = 1; n <= last; n++) {
            x.add(String.valueOf(n));
            y.add(lengths[n]);
        }
        CategoryChart chart = chart(String.format(Locale.ROOT, "Stay length (mean %.2f steps; MIMIC about 13.5)",
                stats.meanLength()), "steps of 4 h", "stays");
        chart.addSeries("stays", x, y);
        return chart;
    }

    private static CategoryChart actions(CohortStatistics stats) {
        double[] p = stats.actionFrequencies();
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (TreatmentAction a : TreatmentAction.all()) {
            x.add(a.fluidBin() + "/" + a.vasopressorBin());
            y.add(p[a.index()]);
        }
        CategoryChart chart = chart("Action frequencies (fluid bin / vasopressor bin)", "action", "share of steps");
        chart.addSeries("steps", x, y);
        return chart;
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static void save(CategoryChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
