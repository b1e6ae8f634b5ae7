package org.icugym.core.envs.physiology;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvOption;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoKey;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.core.space.MultiDiscreteSpace;

/**
 * The factory of {@code Sepsis-Physiology-v1}: the reference physiology simulator as an
 * environment (docs/physiology.md).
 *
 * <p>Option {@code reward}: {@code raghu} (default: Raghu shaping and ±15 terminal),
 * {@code terminal_only} (±15 terminal only) or {@code terminal_100} (±100 terminal only).
 */
public final class SepsisPhysiologyFactory implements EnvFactory {
    /** The environment id. */
    public static final String ID = "Sepsis-Physiology-v1";
    /** Option selecting the reward. */
    public static final String OPTION_REWARD = "reward";
    /** Info key: SOFA score of the new state (points, 0–24). */
    public static final String INFO_SOFA = "sofa";
    /** Info key, set when the window ends: 1 if the patient died within 90 days, 0 if not. */
    public static final String INFO_DIED = "died_90d";

    private static final Map<String, SepsisReward> REWARDS = Map.of(
            "raghu", SepsisReward.RAGHU, "terminal_only", SepsisReward.TERMINAL_ONLY, "terminal_100", SepsisReward.TERMINAL_100);
    private static final EnvSpec SPEC = buildSpec(SepsisReward.RAGHU);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    /** Always true: the environments forecast with the simulator itself. */
    @Override
    public boolean canSimulate() {
        return true;
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
        checkOptionNames(options);
        if (numEnvs < 1) {
            throw EnvException.invalidArgument("num_envs must be at least 1, got " + numEnvs);
        }
        String name = options.getOrDefault(OPTION_REWARD, "raghu");
        SepsisReward reward = REWARDS.get(name);
        if (reward == null) {
            throw EnvException.invalidArgument("option " + OPTION_REWARD + "='" + name + "' is not accepted by " + ID
                    + "; accepted values: [raghu, terminal_only, terminal_100]");
        }
        EnvSpec spec = reward.equals(SepsisReward.RAGHU) ? SPEC : buildSpec(reward);
        return new SepsisPhysiologyVectorEnv(spec, numEnvs, PhysiologySimulator.DEFAULT, reward, ActionGrid.DEFAULT,
                SafetyEvaluator.DEFAULT);
    }

    private static EnvSpec buildSpec(SepsisReward reward) {
        List<InfoKey> infos = new ArrayList<>();
        infos.add(new InfoKey(INFO_SOFA, "SOFA score of the new state (points, 0-24)"));
        infos.addAll(SafetyEvaluator.DEFAULT.infoKeys());
        infos.add(new InfoKey(INFO_DIED, "set on the step that ends the window: 1 if the patient died within 90 days, "
                + "0 if the patient survived"));
        return new EnvSpec(ID,
                "Reference physiology simulator of a septic ICU patient (icugym docs/physiology.md): latent infection, "
                        + "vascular tone, volume, cardiac, kidney and lung state with hidden patient-level drivers, "
                        + "noisy partly missing charted features, ICU death, discharge and 90-day mortality. One step "
                        + "= 4 h, at most 18 steps (72 h). Observation (95 float32, schema units): 42 features imputed "
                        + "by sample and hold (normal values if never measured), 12 derived scores, the previous "
                        + "fluid and vasopressor bins, and a 39-value missingness mask (1 = not measured this step). "
                        + "Action: index = 5 x fluid_bin + vaso_bin, given at the bin's representative dose. "
                        + "Terminated on ICU death or discharge, truncated at 18 steps; the 90-day outcome reward is "
                        + "paid on the step that ends the window. Infos: SOFA, safety flags G1, G2, hazards A-D and "
                        + "the safety cost channel.",
                PhysiologyObservation.space(),
                new DiscreteSpace(ActionGrid.DEFAULT.labels().size(), 0, ActionGrid.DEFAULT.labels()),
                reward.minReward(), reward.maxReward(), PhysiologySimulator.DEFAULT.maxSteps(),
                EnumSet.allOf(AutoresetMode.class), infos,
                List.of(new EnvOption(OPTION_REWARD, "reward: 'raghu' (Raghu et al. 2017 shaping and +-15 terminal), "
                        + "'terminal_only' (+-15 terminal only) or 'terminal_100' (+-100 terminal only)", "raghu")),
                new MultiDiscreteSpace(new int[] {5, 5}, List.of("fluid_bin", "vaso_bin")), 1.0);
    }
}
