package org.icugym.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icugym.core.clinical.policy.PolicyValue;
import org.icugym.evaluation.cohort.CohortEvaluation;
import org.icugym.evaluation.cohort.CohortEvaluation.PolicyResult;
import org.icugym.evaluation.ope.Estimator;
import org.icugym.evaluation.ope.OpeResult;
import org.icugym.evaluation.safety.SafetyMetrics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Writes the report of a {@link CohortEvaluation}: {@code report.json}, {@code report.md},
 * {@code report.html}, {@code values.png} (estimates with 95 % intervals beside the true values)
 * and one 5 x 5 dose heatmap per policy ({@code heatmap-<policy>.png}, recommended actions) plus
 * {@code heatmap-clinicians.png}.
 */
final class EvaluationReport {
    /** Estimators in the results table, in the SepsisAgent paper's order. */
    static final List<Estimator> TABLE = List.of(Estimator.WDR, Estimator.WIS, Estimator.WPDIS, Estimator.FQE);

    private EvaluationReport() {
    }

    /** Writes every file into {@code out} (created if needed); returns the paths written. */
    static List<Path> write(CohortEvaluation.Result r, Path out) {
        try {
            Files.createDirectories(out);
            List<Path> files = new ArrayList<>();
            files.add(Files.writeString(out.resolve("report.json"), json(r)));
            files.add(Files.writeString(out.resolve("report.md"), markdown(r)));
            files.add(Files.writeString(out.resolve("report.html"), html(r)));
            files.addAll(plots(r, out));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + out + ": " + e.getMessage(), e);
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    /** A policy name usable in a file name: a served policy's {@code host:port/model} becomes {@code host-port-model}. */
    static String fileName(String policy) {
        return policy.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String json(CohortEvaluation.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"cohort\": ").append(str(r.cohort().toString()))
                .append(",\n  \"split\": ").append(str(r.split().name().toLowerCase(Locale.ROOT)))
                .append(",\n  \"stays\": ").append(r.stays())
                .append(",\n  \"steps\": ").append(r.steps())
                .append(",\n  \"observed_return\": ").append(num(r.observedReturn()))
                .append(",\n  \"gamma\": 1")
                .append(",\n  \"reward\": \"raghu\"")
                .append(",\n  \"simulated\": ").append(r.simulated())
                .append(",\n  \"bootstrap_resamples\": ").append(r.settings().resamples())
                .append(",\n  \"fqe_resamples\": ").append(r.settings().fqeResamples())
                .append(",\n  \"epsilon\": ").append(num(r.settings().epsilon()))
                .append(",\n  \"behaviour\": ").append(str(r.behaviour()))
                .append(",\n  \"seed\": ").append(r.settings().seed())
                .append(",\n  \"policies\": [");
        for (int i = 0; i < r.results().size(); i++) {
            PolicyResult p = r.results().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"policy\": ").append(str(p.policy())).append(", \"estimates\": {");
            for (int e = 0; e < p.estimates().size(); e++) {
                OpeResult o = p.estimates().get(e);
                b.append(e == 0 ? "" : ", ").append(str(o.estimator().name())).append(": {\"estimate\": ")
                        .append(num(o.estimate())).append(", \"ci_low\": ").append(num(o.interval().low()))
                        .append(", \"ci_high\": ").append(num(o.interval().high())).append(", \"ess\": ")
                        .append(num(o.effectiveSampleSize())).append("}");
            }
            b.append("}, \"truth\": ");
            PolicyValue t = p.truth();
            if (t == null) {
                b.append("null");
            } else {
                b.append("{\"mean_return\": ").append(num(t.meanReturn())).append(", \"half_width\": ")
                        .append(num(t.returnHalfWidth())).append(", \"mortality\": ").append(num(t.mortality()))
                        .append(", \"episodes\": ").append(t.episodes()).append("}");
            }
            SafetyMetrics s = p.safety();
            b.append(", \"safety\": {\"decisions\": ").append(s.decisions())
                    .append(", \"g1_adherence\": ").append(num(s.g1Adherence()))
                    .append(", \"g2_adherence\": ").append(num(s.g2Adherence()))
                    .append(", \"under_dosing\": ").append(num(s.eitherUnderDosing()))
                    .append(", \"over_dosing\": ").append(num(s.eitherOverDosing()))
                    .append(", \"fluid_under_dosing\": ").append(num(s.fluidUnderDosing()))
                    .append(", \"fluid_over_dosing\": ").append(num(s.fluidOverDosing()))
                    .append(", \"vasopressor_under_dosing\": ").append(num(s.vasopressorUnderDosing()))
                    .append(", \"vasopressor_over_dosing\": ").append(num(s.vasopressorOverDosing()))
                    .append(", \"violation_rates\": {");
            int k = 0;
            for (Map.Entry<String, Double> v : s.violationRates().entrySet()) {
                b.append(k++ == 0 ? "" : ", ").append(str(v.getKey())).append(": ").append(num(v.getValue()));
            }
            b.append("}}}");
        }
        return b.append("\n  ]\n}\n").toString();
    }

    private static String cell(OpeResult o) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", o.estimate(), o.interval().low(), o.interval().high());
    }

    /** The results table rows: policy, estimators, ESS, truth, adherence, dosing. */
    private static List<String[]> rows(CohortEvaluation.Result r) {
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("policy"));
        TABLE.forEach(e -> head.add(e.name()));
        head.addAll(List.of("ESS (WIS)", "true value", "G1 adherence", "G2 adherence", "under-dosing", "over-dosing"));
        rows.add(head.toArray(String[]::new));
        for (PolicyResult p : r.results()) {
            List<String> row = new ArrayList<>(List.of(p.policy()));
            TABLE.forEach(e -> row.add(cell(p.estimate(e))));
            row.add(String.format(Locale.ROOT, "%.1f", p.estimate(Estimator.WIS).effectiveSampleSize()));
            row.add(p.truth() == null ? "n/a" : String.format(Locale.ROOT, "%.2f ± %.2f", p.truth().meanReturn(),
                    p.truth().returnHalfWidth()));
            SafetyMetrics s = p.safety();
            row.add(String.format(Locale.ROOT, "%.1f %%", 100 * s.g1Adherence()));
            row.add(String.format(Locale.ROOT, "%.1f %%", 100 * s.g2Adherence()));
            row.add(String.format(Locale.ROOT, "%.1f %%", 100 * s.eitherUnderDosing()));
            row.add(String.format(Locale.ROOT, "%.1f %%", 100 * s.eitherOverDosing()));
            rows.add(row.toArray(String[]::new));
        }
        return rows;
    }

    private static String intro(CohortEvaluation.Result r) {
        return String.format(Locale.ROOT, "Cohort `%s`, split `%s`: %d stays, %d steps, observed mean return %.2f. "
                + "Undiscounted Raghu reward (gamma 1); 95 %% patient-bootstrap intervals (%d resamples, FQE %d "
                + "refits); target policies except the clinicians and random softened with epsilon %.2f; "
                + "behaviour: %s. %s", r.cohort(),
                r.split().name().toLowerCase(Locale.ROOT), r.stays(), r.steps(), r.observedReturn(),
                r.settings().resamples(), r.settings().fqeResamples(), r.settings().epsilon(), r.behaviour(),
                r.simulated() ? "True values: " + r.results().get(0).truth().episodes()
                        + " simulated episodes on Sepsis-Physiology-v1 per policy (± 95 % half-width)."
                        : "No true values (the cohort was not generated by the simulator).");
    }

    static String markdown(CohortEvaluation.Result r) {
        StringBuilder b = new StringBuilder("# Policy evaluation\n\n").append(intro(r)).append("\n\n");
        List<String[]> rows = rows(r);
        for (int i = 0; i < rows.size(); i++) {
            b.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                b.append("|").append("---|".repeat(rows.get(0).length)).append("\n");
            }
        }
        b.append("\nAdherence and dosing compare each policy's most likely action with the clinicians' at every "
                + "logged step.\n\n![Value estimates](values.png)\n\n");
        b.append("![Clinicians' actions](heatmap-clinicians.png)\n");
        for (PolicyResult p : r.results()) {
            b.append("![").append(p.policy()).append("](heatmap-").append(fileName(p.policy())).append(".png)\n");
        }
        return b.toString();
    }

    static String html(CohortEvaluation.Result r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Policy evaluation"
                + "</title><style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px}</style>"
                + "</head><body>\n<h1>Policy evaluation</h1>\n<p>").append(escape(intro(r))).append("</p>\n<table>\n");
        List<String[]> rows = rows(r);
        for (int i = 0; i < rows.size(); i++) {
            String tag = i == 0 ? "th" : "td";
            b.append("<tr>");
            for (String c : rows.get(i)) {
                b.append('<').append(tag).append('>').append(escape(c)).append("</").append(tag).append('>');
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p><img src=\"values.png\" alt=\"value estimates\"></p>\n<p>"
                + "<img src=\"heatmap-clinicians.png\" alt=\"clinicians\">");
        for (PolicyResult p : r.results()) {
            b.append("<img src=\"heatmap-").append(fileName(p.policy())).append(".png\" alt=\"").append(p.policy()).append("\">");
        }
        return b.append("</p>\n</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Path> plots(CohortEvaluation.Result r, Path out) throws IOException {
        List<Path> files = new ArrayList<>();
        CategoryChart values = new CategoryChartBuilder().width(900).height(500)
                .title("Value estimates (bars: half the 95 % interval)").xAxisTitle("policy").yAxisTitle("return")
                .build();
        List<String> names = r.results().stream().map(PolicyResult::policy).toList();
        for (Estimator e : TABLE) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (PolicyResult p : r.results()) {
                OpeResult o = p.estimate(e);
                y.add(o.estimate());
                err.add(Math.max(0, o.interval().high() - o.interval().low()) / 2);
            }
            values.addSeries(e.name(), names, y, err);
        }
        if (r.simulated()) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (PolicyResult p : r.results()) {
                y.add(p.truth().meanReturn());
                err.add(p.truth().returnHalfWidth());
            }
            values.addSeries("truth", names, y, err);
        }
        files.add(save(values, out.resolve("values")));
        files.add(save(heatmap("Clinicians' actions", r.results().get(0).safety().clinicianHeatmap()),
                out.resolve("heatmap-clinicians")));
        for (PolicyResult p : r.results()) {
            files.add(save(heatmap(p.policy() + ": recommended actions", p.safety().recommendedHeatmap()),
                    out.resolve("heatmap-" + fileName(p.policy()))));
        }
        return files;
    }

    private static HeatMapChart heatmap(String title, long[][] counts) {
        HeatMapChart chart = new HeatMapChartBuilder().width(420).height(400).title(title)
                .xAxisTitle("fluid bin").yAxisTitle("vasopressor bin").build();
        int[] bins = {0, 1, 2, 3, 4};
        int[][] heat = new int[5][5];
        for (int f = 0; f < 5; f++) {
            for (int v = 0; v < 5; v++) {
                heat[f][v] = (int) Math.min(Integer.MAX_VALUE, counts[f][v]);
            }
        }
        chart.addSeries("actions", bins, bins, heat);
        return chart;
    }

    private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path base) throws IOException {
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        return Path.of(base + ".png");
    }
}
