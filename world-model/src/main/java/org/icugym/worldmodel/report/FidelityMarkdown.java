package org.icugym.worldmodel.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icugym.worldmodel.train.TrainingMetrics;

/** Renders a {@link FidelityReport} as Markdown (the {@code report.md} of {@code icugym world-model report}). */
public final class FidelityMarkdown {
    private FidelityMarkdown() {}

    /**
     * The report as Markdown.
     *
     * @param report the measurements
     * @param images PNG file names to link, relative to the Markdown file (may be empty)
     */
    public static String render(FidelityReport report, List<String> images) {
        StringBuilder md = new StringBuilder();
        OneStepFidelity o = report.oneStep();
        line(md, "# World-model fidelity report");
        line(md, "");
        line(md, "Model `%s` (%s, history %d, %d × %d hidden, %d members, training seed %d) on the test split of `%s`: "
                + "%d stays, %d transitions. Standardized units are the model's own scaling (log for skewed labs, then "
                + "z-score). Evaluated in %.1f s.", report.model(), report.config().architecture(),
                report.config().historyLength(), report.config().hiddenLayers(), report.config().hiddenSize(),
                report.config().ensembleSize(), report.trainingSeed(), report.cohort(), o.stays(), o.transitions(),
                report.seconds());
        line(md, "");
        summary(md, report);
        rollout(md, report.rollout());
        calibration(md, o);
        counterfactual(md, report);
        features(md, o.featureMae());
        training(md, report.training());
        if (!images.isEmpty()) {
            line(md, "## Plots");
            line(md, "");
            for (String image : images) {
                line(md, "![%s](%s)", image, image);
            }
            line(md, "");
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, FidelityReport r) {
        OneStepFidelity o = r.oneStep();
        line(md, "## Summary (test split)");
        line(md, "");
        line(md, "| metric | this model | no-change baseline | SepsisAgent (MIMIC-IV) |");
        line(md, "|---|---|---|---|");
        line(md, "| one-step standardized MAE, measured next values | %s | %s | |", f3(o.mae()), f3(o.persistenceMae()));
        line(md, "| one-step standardized MAE, sample-and-hold next values | %s | %s | %s |", f3(o.heldMae()),
                f3(o.heldPersistenceMae()), f3(FidelityReport.SEPSIS_AGENT_MAE));
        line(md, "| Gaussian NLL per measured value (nats) | %s | | |", f3(o.nll()));
        line(md, "| ventilation AUROC (next step) | %s | | %s |", f3(o.ventilationAuroc()),
                f3(FidelityReport.SEPSIS_AGENT_VENTILATION_AUROC));
        line(md, "| end-of-stay AUROC (next step) | %s | | |", f3(o.endAuroc()));
        line(md, "| outcome (90-day death) AUROC | %s | | %s |", f3(o.outcomeAuroc()),
                f3(FidelityReport.SEPSIS_AGENT_OUTCOME_AUROC));
        line(md, "| outcome AUPRC (mortality %s) | %s | %s | %s |", pct(o.mortality()), f3(o.outcomeAuprc()),
                f3(o.mortality()), f3(FidelityReport.SEPSIS_AGENT_OUTCOME_AUPRC));
        for (int k : new int[] {1, 3, 6}) {
            if (k <= r.rollout().horizons().size()) {
                RolloutFidelity.Horizon h = r.rollout().at(k);
                line(md, "| rollout MAE at %d step%s (%d h) | %s | %s | |", k, k == 1 ? "" : "s", 4 * k, f3(h.mae()),
                        f3(h.persistenceMae()));
            }
        }
        if (r.counterfactual() != null) {
            for (CounterfactualFidelity.Effect e : r.counterfactual().effects()) {
                line(md, "| counterfactual sign agreement, %s response to %s | %s | | |", e.outcome(), e.treatment(),
                        pct(e.agreement()));
            }
            line(md, "| counterfactual mortality rank correlation across actions (mean Spearman) | %s | | |",
                    f3(r.counterfactual().mortalitySpearmanMean()));
        }
        line(md, "");
        line(md, "\"Measured next values\" counts only values freshly measured at the next step (labs are missing most "
                + "steps). SepsisAgent's 0.316 is against imputed (sample-and-hold) next values, most of which equal the "
                + "current value; the sample-and-hold row uses that convention, but on a different (synthetic) cohort. "
                + "Outcome metrics use each stay's last transition; the AUPRC of a random score equals the mortality.");
        line(md, "");
    }

    private static void rollout(StringBuilder md, RolloutFidelity rollout) {
        line(md, "## Multi-step rollouts");
        line(md, "");
        line(md, "Open loop from every step with the recorded actions, feeding back the ensemble mean; error against "
                + "the values measured k steps later.");
        line(md, "");
        line(md, "| steps ahead | hours | rollouts | values | MAE | no-change MAE |");
        line(md, "|---|---|---|---|---|---|");
        for (RolloutFidelity.Horizon h : rollout.horizons()) {
            line(md, "| %d | %d | %d | %d | %s | %s |", h.steps(), 4 * h.steps(), h.starts(), h.values(), f3(h.mae()),
                    f3(h.persistenceMae()));
        }
        line(md, "");
    }

    private static void calibration(StringBuilder md, OneStepFidelity o) {
        line(md, "## Calibration");
        line(md, "");
        line(md, "Next features: %s of measured next values fall inside the central 50 %% predictive interval and %s "
                + "inside the 90 %% interval (ensemble moment-matched Gaussian; ideal 50 %% and 90 %%).",
                pct(o.coverage50()), pct(o.coverage90()));
        line(md, "");
        line(md, "Outcome head at each stay's last transition: Brier score %s, expected calibration error %s.",
                f3(o.outcomeBrier()), f3(o.outcomeEce()));
        line(md, "");
        line(md, "| predicted death | stays | mean predicted | observed |");
        line(md, "|---|---|---|---|");
        for (OneStepFidelity.ReliabilityBin b : o.reliability()) {
            line(md, "| %.1f–%.1f | %d | %s | %s |", b.low(), b.high(), b.count(), f3(b.meanPredicted()), f3(b.observed()));
        }
        line(md, "");
    }

    private static void counterfactual(StringBuilder md, FidelityReport r) {
        line(md, "## Counterfactual fidelity (reference simulator)");
        line(md, "");
        CounterfactualFidelity c = r.counterfactual();
        if (c == null) {
            line(md, "Counterfactual fidelity was %s.", r.counterfactualNote());
            line(md, "");
            return;
        }
        line(md, "%d test-split states, each restored in the simulator and given each of the 25 actions for one step in "
                + "%d branches with common random numbers. Effect = change of the expected standardized next value when "
                + "one drug rises by one bin with the other fixed (20 pairs per state); simulator side from the true "
                + "MAP/lactate, model side from its predicted mean. Agreement is over pairs whose simulated effect "
                + "exceeds twice its Monte Carlo standard error (\"determined\").", c.states(), c.draws());
        line(md, "");
        line(md, "| outcome | treatment raised | determined pairs | sign agreement | agreement, all pairs "
                + "| bin 0 → 4: determined | agreement | mean effect per bin, simulator | model |");
        line(md, "|---|---|---|---|---|---|---|---|---|");
        for (CounterfactualFidelity.Effect e : c.effects()) {
            line(md, "| %s | %s | %d of %d | %s | %s | %d | %s | %+.3f | %+.3f |", e.outcome(), e.treatment(), e.determined(),
                    e.pairs(), pct(e.agreement()), pct(e.agreementAll()), e.extremeDetermined(), pct(e.extremeAgreement()),
                    e.simulatorEffect(), e.modelEffect());
        }
        line(md, "");
        line(md, "Mortality across the 25 actions (simulator: branch continued under the clinician policy; model: death "
                + "head): Spearman correlation mean %s, median %s over %d states where both sides vary.",
                f3(c.mortalitySpearmanMean()), f3(c.mortalitySpearmanMedian()), c.mortalityStates());
        line(md, "");
    }

    private static void features(StringBuilder md, Map<String, Double> mae) {
        line(md, "## One-step standardized MAE per feature (measured next values)");
        line(md, "");
        line(md, "| feature | MAE |");
        line(md, "|---|---|");
        List<Map.Entry<String, Double>> entries = new ArrayList<>(mae.entrySet());
        for (Map.Entry<String, Double> e : entries) {
            line(md, "| %s | %s |", e.getKey(), f3(e.getValue()));
        }
        line(md, "");
    }

    private static void training(StringBuilder md, TrainingMetrics t) {
        line(md, "## Training (validation split, from the artifact)");
        line(md, "");
        line(md, "%s", t.summary());
        line(md, "");
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
