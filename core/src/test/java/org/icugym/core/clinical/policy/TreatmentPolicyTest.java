package org.icugym.core.clinical.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.random.Rng;
import org.junit.jupiter.api.Test;

class TreatmentPolicyTest {
    private static final List<TreatmentPolicy> POLICIES = List.of(ClinicianPolicy.DEFAULT, GuidelinePolicy.DEFAULT,
            RandomPolicy.DEFAULT, NoTreatmentPolicy.DEFAULT);

    @Test
    void everyPolicyGivesADistributionOverThe25Actions() {
        for (TreatmentPolicy policy : POLICIES) {
            for (int seed = 0; seed < 20; seed++) {
                PatientView view = admissionView(seed);
                double[] p = policy.forStay(new Rng(seed)).probabilities(view);
                assertThat(p).hasSize(TreatmentAction.COUNT);
                assertThat(Arrays.stream(p).sum()).as(policy.name()).isCloseTo(1.0, within(1e-12));
                assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void clinicianGivesEveryActionSomeProbabilityAndReportsTheTakenOne() {
        StayPolicy stay = ClinicianPolicy.DEFAULT.forStay(new Rng(1));
        PatientView view = admissionView(3);
        double[] p = stay.probabilities(view);
        assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThan(0);
        Rng rng = new Rng(7);
        for (int k = 0; k < 100; k++) {
            StayPolicy.Decision d = stay.decide(view, rng);
            assertThat(d.probability()).isEqualTo(p[d.action().index()]);
        }
    }

    @Test
    void clinicianStartsVasopressorsMoreOftenWhenHypotensive() {
        PatientView base = admissionView(5);
        PatientView hypotensive = withMap(base, 52);
        PatientView normotensive = withMap(base, 85);
        double hypo = 0;
        double normo = 0;
        for (int stay = 0; stay < 200; stay++) {
            StayPolicy policy = ClinicianPolicy.DEFAULT.forStay(new Rng(stay));
            hypo += 1 - vasopressorBin0(policy.probabilities(hypotensive));
            normo += 1 - vasopressorBin0(policy.probabilities(normotensive));
        }
        assertThat(hypo / 200).isGreaterThan(0.3);
        assertThat(normo / 200).isLessThan(0.05);
    }

    @Test
    void practiceVariesBetweenStays() {
        PatientView view = withMap(admissionView(5), 62);
        double[] a = ClinicianPolicy.DEFAULT.forStay(new Rng(1)).probabilities(view);
        double[] b = ClinicianPolicy.DEFAULT.forStay(new Rng(2)).probabilities(view);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void guidelineTreatsHypotensionAndWeansWhenPressureIsRestored() {
        PatientView view = admissionView(5);
        assertThat(GuidelinePolicy.action(withMap(view, 55))).isEqualTo(new TreatmentAction(3, 2));
        PatientView onPressors = new PatientView(3, view.observation().with(SepsisSchema.MEANBP, 80)
                .with(SepsisSchema.LACTATE, 1.0), view.derived(), 1000, new TreatmentAction(1, 2));
        assertThat(GuidelinePolicy.action(onPressors)).isEqualTo(new TreatmentAction(1, 1));
    }

    @Test
    void noTreatmentIsClearlyWorseThanTheClinicianOnMatchedPatients() {
        PolicyValue clinician = value(ClinicianPolicy.DEFAULT);
        PolicyValue none = value(NoTreatmentPolicy.DEFAULT);
        assertThat(clinician.meanReturn() - clinician.returnHalfWidth())
                .isGreaterThan(none.meanReturn() + none.returnHalfWidth());
        assertThat(none.mortality()).isGreaterThan(clinician.mortality());
        assertThat(clinician.toString()).startsWith("clinician: return ");
    }

    private static PolicyValue value(TreatmentPolicy policy) {
        return PolicyValue.estimate(policy, PhysiologySimulator.DEFAULT, SepsisReward.RAGHU, ActionGrid.DEFAULT, 0, 1500);
    }

    private static double vasopressorBin0(double[] p) {
        double sum = 0;
        for (int f = 0; f < 5; f++) {
            sum += p[5 * f];
        }
        return sum;
    }

    private static PatientView admissionView(long seed) {
        PhysiologyStep step = PhysiologySimulator.DEFAULT.admit(seed).current();
        return PatientView.of(step, TreatmentAction.NONE);
    }

    private static PatientView withMap(PatientView view, double map) {
        return new PatientView(view.step(), view.observation().with(SepsisSchema.MEANBP, map), view.derived(),
                view.cumulativeBalanceMl(), view.previousAction());
    }
}
