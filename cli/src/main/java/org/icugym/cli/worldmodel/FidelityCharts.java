package org.icugym.cli.worldmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.icugym.worldmodel.report.CounterfactualFidelity;
import org.icugym.worldmodel.report.FidelityReport;
import org.icugym.worldmodel.report.OneStepFidelity;
import org.icugym.worldmodel.report.RolloutFidelity;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a world-model fidelity report: MAE per feature, rollout error by horizon, outcome
 * reliability diagram and counterfactual sign agreement.
 */
final class FidelityCharts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;

    private FidelityCharts() {}

    /** Writes every chart into {@code dir}; returns the file names written. */
    static List<String> write(FidelityReport report, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        save(featureMae(report.oneStep()), dir, "feature_mae.png", names);
        save(rollout(report.rollout()), dir, "rollout_mae.png", names);
        save(reliability(report.oneStep()), dir, "outcome_calibration.png", names);
        if (report.counterfactual() != null) {
            save(counterfactual(report.counterfactual()), dir, "counterfactual_agreement.png", names);
        }
        return names;
    }

    private static CategoryChart featureMae(OneStepFidelity o) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(o.featureMae().entrySet());
        entries.removeIf(e -> e.getValue().isNaN());
        entries.sort(Comparator.comparingDouble(e -> -e.getValue()));
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("One-step standardized MAE per feature (test split, measured next values)").xAxisTitle("feature")
                .yAxisTitle("standardized MAE").build();
        chart.addSeries("MAE", entries.stream().map(Map.Entry::getKey).toList(),
                entries.stream().map(Map.Entry::getValue).toList());
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAxisTickLabelsFont(chart.getStyler().getAxisTickLabelsFont().deriveFont(9f));
        return chart;
    }

    private static XYChart rollout(RolloutFidelity r) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Open-loop rollout error by horizon")
                .xAxisTitle("steps ahead (4 h each)").yAxisTitle("standardized MAE").build();
        List<Integer> x = new ArrayList<>();
        List<Double> model = new ArrayList<>();
        List<Double> persistence = new ArrayList<>();
        for (RolloutFidelity.Horizon h : r.horizons()) {
            if (!Double.isNaN(h.mae())) {
                x.add(h.steps());
                model.add(h.mae());
                persistence.add(h.persistenceMae());
            }
        }
        chart.addSeries("world model", x, model);
        chart.addSeries("no change", x, persistence);
        return chart;
    }

    private static XYChart reliability(OneStepFidelity o) {
        XYChart chart = new XYChartBuilder().width(HEIGHT).height(HEIGHT)
                .title(String.format(java.util.Locale.ROOT, "Outcome calibration (ECE %.3f)", o.outcomeEce()))
                .xAxisTitle("predicted 90-day death").yAxisTitle("observed rate").build();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (OneStepFidelity.ReliabilityBin b : o.reliability()) {
            if (b.count() > 0) {
                x.add(b.meanPredicted());
                y.add(b.observed());
            }
        }
        chart.addSeries("ideal", List.of(0.0, 1.0), List.of(0.0, 1.0)).setMarker(SeriesMarkers.NONE);
        if (!x.isEmpty()) {
            chart.addSeries("model", x, y);
        }
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    private static CategoryChart counterfactual(CounterfactualFidelity c) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Counterfactual sign agreement with the simulator (determined pairs)").xAxisTitle("response to")
                .yAxisTitle("share of pairs").build();
        List<String> x = new ArrayList<>();
        List<Double> adjacent = new ArrayList<>();
        List<Double> extreme = new ArrayList<>();
        for (CounterfactualFidelity.Effect e : c.effects()) {
            x.add(e.outcome() + " / " + e.treatment());
            adjacent.add(Double.isNaN(e.agreement()) ? 0 : e.agreement());
            extreme.add(Double.isNaN(e.extremeAgreement()) ? 0 : e.extremeAgreement());
        }
        chart.addSeries("one bin up", x, adjacent);
        chart.addSeries("bin 0 to 4", x, extreme);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    private static void save(Chart<?, ?> chart, Path dir, String name, List<String> names) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        names.add(name);
    }
}
