package org.icugym.core.env;

import java.util.List;
import java.util.Set;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.core.space.MultiDiscreteSpace;
import org.icugym.core.space.Space;

/**
 * Describes one environment id: spaces, reward range, time limit, autoreset modes, info keys and
 * options (Gymnasium's {@code EnvSpec} plus spaces).
 *
 * @param id environment id, e.g. {@code "CartPole-v1"}
 * @param description one paragraph on the dynamics and their source
 * @param observationSpace space of one observation
 * @param actionSpace space of one action
 * @param rewardMin smallest reward of one step
 * @param rewardMax largest reward of one step
 * @param maxEpisodeSteps truncation limit (0 = none)
 * @param autoresetModes supported autoreset modes
 * @param infoKeys keys that may appear in infos
 * @param options options accepted at session creation
 * @param actionGrid for treatment envs, the action as (fluid_bin, vaso_bin); {@code null} otherwise
 * @param referenceDiscount discount of the published reference values (1.0 if undiscounted)
 */
public record EnvSpec(
        String id,
        String description,
        Space observationSpace,
        Space actionSpace,
        double rewardMin,
        double rewardMax,
        int maxEpisodeSteps,
        Set<AutoresetMode> autoresetModes,
        List<InfoKey> infoKeys,
        List<EnvOption> options,
        MultiDiscreteSpace actionGrid,
        double referenceDiscount) {

    /** Copies the collections. */
    public EnvSpec {
        autoresetModes = Set.copyOf(autoresetModes);
        infoKeys = List.copyOf(infoKeys);
        options = List.copyOf(options);
    }

    /** Number of floats in one environment's observation row. */
    public int obsDim() {
        return observationSpace.flatDim();
    }

    /** Number of discrete actions; fails for non-discrete action spaces. */
    public int numActions() {
        if (actionSpace instanceof DiscreteSpace d) {
            return d.n();
        }
        throw new IllegalStateException(id + " has no Discrete action space");
    }

    /** The same spec with another observation space (e.g. after an option selected one-hot). */
    public EnvSpec withObservationSpace(Space space) {
        return new EnvSpec(id, description, space, actionSpace, rewardMin, rewardMax, maxEpisodeSteps,
                autoresetModes, infoKeys, options, actionGrid, referenceDiscount);
    }
}
