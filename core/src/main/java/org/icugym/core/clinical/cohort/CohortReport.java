package org.icugym.core.clinical.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icugym.core.clinical.schema.Feature;

/**
 * A readable report of a cohort's {@link CohortStatistics} beside the MIMIC-IV targets of
 * {@link MimicTargets}: per-feature mean, SD and missingness, action frequencies, 90-day
 * mortality and stay lengths, with a pass/fail verdict for each acceptance band.
 *
 * @param title the report's heading, e.g. the cohort directory
 * @param statistics the cohort's statistics
 */
public record CohortReport(String title, CohortStatistics statistics) {

    /**
     * One acceptance check.
     *
     * @param name what is checked
     * @param value the cohort's value, formatted
     * @param band the accepted band, formatted
     * @param passed whether the value lies in the band
     */
    public record Check(String name, String value, String band, boolean passed) {}

    /** Every acceptance check: 14 feature means, 14 SDs, mortality, two bin-0 shares, stay length. */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (MimicTargets.FeatureTarget t : MimicTargets.FEATURES) {
            double mean = statistics.mean(t.feature());
            double sd = statistics.sd(t.feature());
            checks.add(new Check(t.feature().name() + " mean", fmt(mean), "±0.25 SD of " + fmt(t.mean()), t.meanInBand(mean)));
            checks.add(new Check(t.feature().name() + " SD", fmt(sd), fmt(t.sd() / 2) + "–" + fmt(t.sd() * 2), t.sdInBand(sd)));
        }
        double mortality = statistics.mortality();
        checks.add(new Check("90-day mortality", pct(mortality), "13–20 %",
                mortality >= MimicTargets.MORTALITY_LOW && mortality <= MimicTargets.MORTALITY_HIGH));
        double vaso0 = statistics.vasopressorBinFrequencies()[0];
        checks.add(new Check("vasopressor bin 0", pct(vaso0), "72–92 %",
                Math.abs(vaso0 - MimicTargets.VASOPRESSOR_BIN0) <= MimicTargets.BIN0_TOLERANCE + 1e-12));
        double fluid0 = statistics.fluidBinFrequencies()[0];
        checks.add(new Check("fluid bin 0", pct(fluid0), "13–33 %",
                Math.abs(fluid0 - MimicTargets.FLUID_BIN0) <= MimicTargets.BIN0_TOLERANCE + 1e-12));
        double length = statistics.meanLength();
        checks.add(new Check("mean steps per stay", fmt(length), "10–18",
                length >= MimicTargets.STEPS_LOW && length <= MimicTargets.STEPS_HIGH));
        return checks;
    }

    /** Whether every check passed. */
    public boolean allPassed() {
        return checks().stream().allMatch(Check::passed);
    }

    /** The report as Markdown; {@code images} are PNG file names to embed (may be empty). */
    public String markdown(List<String> images) {
        StringBuilder md = new StringBuilder();
        md.append("# Cohort report: ").append(title).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d stays, %d steps (%.2f per stay), 90-day mortality %s.%n%n",
                statistics.stays(), statistics.rows(), statistics.meanLength(), pct(statistics.mortality())));
        md.append("## Target features (MIMIC-IV)\n\n");
        md.append("| feature | unit | mean | SD | missing | target mean ± SD | mean in band | SD in band |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (MimicTargets.FeatureTarget t : MimicTargets.FEATURES) {
            Feature f = t.feature();
            double mean = statistics.mean(f);
            double sd = statistics.sd(f);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s ± %s | %s | %s |%n", f.name(), f.unit(),
                    fmt(mean), fmt(sd), pct(statistics.missing(f)), fmt(t.mean()), fmt(t.sd()), yes(t.meanInBand(mean)),
                    yes(t.sdInBand(sd))));
        }
        md.append("\n## Outcome, actions and stay length\n\n| check | cohort | accepted | passed |\n|---|---|---|---|\n");
        List<Check> checks = checks();
        for (Check c : checks.subList(2 * MimicTargets.FEATURES.size(), checks.size())) {
            md.append("| ").append(c.name()).append(" | ").append(c.value()).append(" | ").append(c.band()).append(" | ")
                    .append(yes(c.passed())).append(" |\n");
        }
        appendActions(md);
        appendLengths(md);
        md.append("\n## All features\n\n| feature | unit | mean | SD | missing |\n|---|---|---|---|---|\n");
        for (Feature f : CohortSchema.FEATURES) {
            md.append(String.format(Locale.ROOT, "| %s (`%s`) | %s | %s | %s | %s |%n", f.name(), f.column().name(), f.unit(),
                    fmt(statistics.mean(f)), fmt(statistics.sd(f)), pct(statistics.missing(f))));
        }
        if (!images.isEmpty()) {
            md.append("\n## Histograms\n\n");
            for (String image : images) {
                md.append("![").append(image).append("](").append(image).append(")\n");
            }
        }
        md.append("\n").append(allPassed() ? "All acceptance checks passed." : "Some acceptance checks failed.").append('\n');
        return md.toString();
    }

    private void appendActions(StringBuilder md) {
        double[] p = statistics.actionFrequencies();
        md.append("\n## Action frequencies (share of steps)\n\nRows: fluid bin; columns: vasopressor bin.\n\n");
        md.append("| fluid \\ vaso | 0 | 1 | 2 | 3 | 4 | all |\n|---|---|---|---|---|---|---|\n");
        double[] fluid = statistics.fluidBinFrequencies();
        for (int f = 0; f < 5; f++) {
            md.append("| ").append(f);
            for (int v = 0; v < 5; v++) {
                md.append(" | ").append(pct(p[5 * f + v]));
            }
            md.append(" | ").append(pct(fluid[f])).append(" |\n");
        }
        double[] vaso = statistics.vasopressorBinFrequencies();
        md.append("| all");
        for (double v : vaso) {
            md.append(" | ").append(pct(v));
        }
        md.append(" | 100 % |\n\nMIMIC: vasopressor bin 0 in about 82 % of steps, fluid bin 0 in about 23 %.\n");
    }

    private void appendLengths(StringBuilder md) {
        long[] lengths = statistics.lengthCounts();
        md.append("\n## Stay lengths (steps of 4 h)\n\n| steps | stays |\n|---|---|\n");
        for (int n = 1; n < lengths.length; n++) {
            if (lengths[n] > 0) {
                md.append("| ").append(n == CohortStatistics.MAX_LENGTH ? n + "+" : String.valueOf(n)).append(" | ")
                        .append(lengths[n]).append(" |\n");
            }
        }
        md.append(String.format(Locale.ROOT, "%nMean %.2f steps per stay (MIMIC about 13.5).%n", statistics.meanLength()));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }

    static String fmt(double x) {
        if (Double.isNaN(x)) {
            return "–";
        }
        double a = Math.abs(x);
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", x);
    }

    static String pct(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * x);
    }
}
