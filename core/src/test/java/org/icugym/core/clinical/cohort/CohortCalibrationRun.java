package org.icugym.core.clinical.cohort;

import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.policy.ClinicianPolicy;
import org.icugym.core.clinical.policy.GuidelinePolicy;
import org.icugym.core.clinical.policy.NoTreatmentPolicy;
import org.icugym.core.clinical.policy.PolicyValue;
import org.icugym.core.clinical.policy.RandomPolicy;
import org.icugym.core.clinical.policy.TreatmentPolicy;
import org.icugym.core.clinical.reward.SepsisReward;

/**
 * The run behind the cohort and policy-value tables of {@code docs/cohort.md} and
 * {@code docs/physiology.md}: generates a cohort in memory, prints its report, and estimates the
 * true values of the four reference policies.
 *
 * <p>Run after {@code ./mvnw -o -q -pl core test-compile}:
 * {@code java -cp core/target/classes:core/target/test-classes
 * org.icugym.core.clinical.cohort.CohortCalibrationRun 20000 10000}
 * (stays of the cohort, seed 0; episodes per policy value; 0 skips either part).
 */
public final class CohortCalibrationRun {
    private CohortCalibrationRun() {}

    /** {@code args[0]} cohort stays, {@code args[1]} episodes per policy. */
    public static void main(String[] args) {
        int stays = Integer.parseInt(args[0]);
        int episodes = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        if (stays > 0) {
            long start = System.nanoTime();
            CohortStatistics stats = new CohortStatistics();
            for (int k = 0; k < stays; k++) {
                stats.add(CohortGenerator.DEFAULT.stay(0, k + 1, (id, bloc, step, patient) -> { }));
            }
            System.out.printf("generated %d stays in %.1f s%n", stays, (System.nanoTime() - start) / 1e9);
            System.out.println(new CohortReport("seed 0", stats).markdown(List.of()));
        }
        for (TreatmentPolicy p : List.of(GuidelinePolicy.DEFAULT, ClinicianPolicy.DEFAULT, RandomPolicy.DEFAULT,
                NoTreatmentPolicy.DEFAULT)) {
            if (episodes > 0) {
                System.out.println(PolicyValue.estimate(p, PhysiologySimulator.DEFAULT, SepsisReward.RAGHU,
                        ActionGrid.DEFAULT, 1_000_000, episodes));
            }
        }
    }
}
