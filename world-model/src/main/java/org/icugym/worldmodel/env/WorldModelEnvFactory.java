package org.icugym.worldmodel.env;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvOption;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoKey;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.core.space.MultiDiscreteSpace;

/**
 * The factory of {@code Sepsis-WorldModel-v1}: the Clinical World Model as an environment
 * (docs/world-model.md), with the observation layout, actions, rewards and infos of
 * {@code Sepsis-Physiology-v1}.
 *
 * <p>Options: {@code reward} ({@code raghu} default, {@code terminal_only}, {@code terminal_100})
 * and {@code mode} ({@code model} default: every step from the model; {@code replay}: follow the
 * real held-out stay while the action equals the clinician's, then the model).
 */
public final class WorldModelEnvFactory implements EnvFactory {
    /** The environment id. */
    public static final String ID = "Sepsis-WorldModel-v1";
    /** Option selecting the reward. */
    public static final String OPTION_REWARD = "reward";
    /** Option selecting model or replay mode. */
    public static final String OPTION_MODE = "mode";
    /** Info key: SOFA score of the new state (points, 0–24). */
    public static final String INFO_SOFA = "sofa";
    /** Info key, set when the episode's outcome is drawn: 1 if the patient died within 90 days, 0 if not. */
    public static final String INFO_DIED = "died_90d";
    /** Info key, replay mode only: 1 while the real stay is followed, 0 once the model has taken over. */
    public static final String INFO_REPLAYING = "replaying";
    /** Window length in 4 h steps (72 h), as in {@code Sepsis-Physiology-v1}. */
    public static final int MAX_STEPS = 18;

    private static final Map<String, SepsisReward> REWARDS = Map.of(
            "raghu", SepsisReward.RAGHU, "terminal_only", SepsisReward.TERMINAL_ONLY, "terminal_100", SepsisReward.TERMINAL_100);
    private final WorldModelEnvironment model;
    private final EnvSpec spec;

    /** A factory whose environments share {@code model} (and its predictor). */
    public WorldModelEnvFactory(WorldModelEnvironment model) {
        this.model = model;
        this.spec = buildSpec(SepsisReward.RAGHU);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** Always true: the environments forecast with the world model. */
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
        String mode = options.getOrDefault(OPTION_MODE, "model");
        if (!mode.equals("model") && !mode.equals("replay")) {
            throw EnvException.invalidArgument("option " + OPTION_MODE + "='" + mode + "' is not accepted by " + ID
                    + "; accepted values: [model, replay]");
        }
        EnvSpec s = reward.equals(SepsisReward.RAGHU) ? spec : buildSpec(reward);
        return new WorldModelVectorEnv(s, numEnvs, model, reward, mode.equals("replay"));
    }

    private EnvSpec buildSpec(SepsisReward reward) {
        List<InfoKey> infos = new ArrayList<>();
        infos.add(new InfoKey(INFO_SOFA, "SOFA score of the new state (points, 0-24)"));
        infos.addAll(model.safety().infoKeys());
        infos.add(new InfoKey(INFO_DIED, "set on the step that ends the episode or reaches the time limit: 1 if the "
                + "sampled outcome is death within 90 days, 0 if survival"));
        infos.add(new InfoKey(INFO_REPLAYING, "mode=replay only: 1 while the real held-out stay is followed (the "
                + "action equals the clinician's), 0 once the model has taken over"));
        ActionGrid grid = model.grid();
        return new EnvSpec(ID,
                "Learned Clinical World Model of a septic ICU patient (icugym docs/world-model.md): an ensemble of "
                        + "action-conditioned probabilistic models reading the last " + model.encoding().historyLength()
                        + " steps; each reset starts from a real held-out stay (" + model.heldOut().stays().size()
                        + " stays), each step samples the next state from one member, with the end-of-stay head "
                        + "deciding termination and the death head the 90-day outcome. One step = 4 h, at most "
                        + MAX_STEPS + " steps. Observation, action, reward and infos as in Sepsis-Physiology-v1 "
                        + "(95 float32: 42 features in schema units, 12 derived scores, previous bins, missingness "
                        + "mask). Option mode=replay follows the real stay while the action equals the clinician's.",
                PhysiologyObservation.space(),
                new DiscreteSpace(grid.labels().size(), 0, grid.labels()),
                reward.minReward(), reward.maxReward(), MAX_STEPS,
                EnumSet.allOf(AutoresetMode.class), infos,
                List.of(new EnvOption(OPTION_REWARD, "reward: 'raghu' (Raghu et al. 2017 shaping and +-15 terminal), "
                                + "'terminal_only' (+-15 terminal only) or 'terminal_100' (+-100 terminal only)", "raghu"),
                        new EnvOption(OPTION_MODE, "'model' (every step sampled from the world model) or 'replay' "
                                + "(follow the real held-out stay while the action equals the clinician's, then the "
                                + "model)", "model")),
                new MultiDiscreteSpace(new int[] {5, 5}, List.of("fluid_bin", "vaso_bin")), 1.0);
    }
}
