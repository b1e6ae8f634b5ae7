package org.icugym.evaluation.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.core.envs.icusepsis.IcuSepsisData;
import org.icugym.evaluation.ope.Estimator;
import org.icugym.evaluation.ope.OpeResult;
import org.icugym.evaluation.policy.SoftenedPolicy;
import org.icugym.evaluation.validation.IcuSepsisValidation.PolicyReport;
import org.icugym.evaluation.validation.IcuSepsisValidation.Settings;
import org.icugym.evaluation.validation.IcuSepsisValidation.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The estimators against the exact values of ICU-Sepsis-v2 on 20,000 episodes of the expert policy
 * softened by 0.1 (seed 1; the coverage over many seeds is measured by {@link CoverageStudy}).
 */
class IcuSepsisValidationTest {
    private static IcuSepsisValidation.Report report;

    @BeforeAll
    static void run() {
        report = IcuSepsisValidation.run(new Settings(20_000, 0.1, 0.1, 1, 2000, 10, 1.0,
                List.of(Target.RANDOM, Target.OPTIMAL)));
    }

    @Test
    void truthsAreThePublishedValues() {
        assertThat(report.policy("random").truth()).isCloseTo(0.780, within(0.001));
        assertThat(report.policy("optimal").truth()).isCloseTo(0.875, within(0.001));
        assertThat(report.behaviourValue()).isCloseTo(0.782, within(0.001));
    }

    @Test
    void fqeIsWithinTwoHundredthsOfTheTruth() {
        for (PolicyReport p : report.policies()) {
            assertThat(p.result(Estimator.FQE).estimate()).as(p.policy()).isCloseTo(p.truth(), within(0.02));
        }
    }

    @Test
    void wisAndWdrIntervalsCoverTheRandomPolicysValue() {
        PolicyReport random = report.policy("random");
        for (Estimator e : List.of(Estimator.WIS, Estimator.WDR)) {
            OpeResult r = random.result(e);
            assertThat(r.interval().covers(random.truth())).as(r.summary()).isTrue();
            assertThat(r.interval().resamples()).isEqualTo(2000);
        }
    }

    @Test
    void everyResultCarriesItsDiagnostics() {
        PolicyReport optimal = report.policy("optimal");
        OpeResult wis = optimal.result(Estimator.WIS);
        // a deterministic target keeps only the trajectories that always agree with it
        assertThat(wis.nonZeroWeightShare()).isBetween(0.01, 0.5);
        assertThat(wis.effectiveSampleSize()).isLessThan(wis.trajectories() * wis.nonZeroWeightShare());
        assertThat(wis.clipping().enabled()).isFalse();
        assertThat(report.policy("random").result(Estimator.IS).nonZeroWeightShare()).isEqualTo(1.0);
        assertThat(IcuSepsisValidation.markdown(report)).contains("| random | 0.7801 | WIS |");
    }

    @Test
    void pureExpertDataCannotIdentifyTheRandomPolicyByImportanceSampling() {
        IcuSepsisData data = IcuSepsisData.load();
        double[] pure = IcuSepsisValidation.supportLimit(data, data.expertPolicy(), data.uniformPolicy());
        // only 8 % of random-policy episodes stay within the actions the clinicians ever take
        assertThat(pure[0]).isCloseTo(0.0804, within(0.0001));
        assertThat(pure[1]).isCloseTo(0.7378, within(0.0001));
        double[] softened = IcuSepsisValidation.supportLimit(data, SoftenedPolicy.soften(data.expertPolicy(), 0.1),
                data.uniformPolicy());
        assertThat(softened[0]).isCloseTo(1.0, within(1e-9));
        assertThat(softened[1]).isCloseTo(report.policy("random").truth(), within(1e-9));
    }
}
