package org.icugym.core.envs.icusepsis;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvOption;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoKey;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.core.space.MultiDiscreteSpace;

/**
 * The factory of {@code ICU-Sepsis-v2}, the public tabular sepsis benchmark MDP. Its spec needs no
 * data; the arrays are loaded on the first {@link #create} (once per JVM).
 *
 * <p>Option {@code observation}: {@code index} (default, {@code Discrete(716)}) or {@code onehot}
 * ({@code Box(716)} of 0/1).
 */
public final class IcuSepsisFactory implements EnvFactory {
    /** The environment id. */
    public static final String ID = "ICU-Sepsis-v2";
    /** The benchmark's published episode cap. */
    public static final int MAX_EPISODE_STEPS = 500;
    /** Option selecting the observation encoding. */
    public static final String OPTION_OBSERVATION = "observation";
    /** Value of {@link #OPTION_OBSERVATION}: the state index as one value (default). */
    public static final String OBSERVATION_INDEX = "index";
    /** Value of {@link #OPTION_OBSERVATION}: a one-hot vector of 716 values. */
    public static final String OBSERVATION_ONEHOT = "onehot";
    /** Info key: mean SOFA score of the current state's cluster (points, 0-24). */
    public static final String INFO_SOFA = "sofa";
    /** Info key: the current state index. */
    public static final String INFO_STATE = "state";

    private static final EnvSpec SPEC = buildSpec();
    private static final BoxSpace ONE_HOT = oneHotSpace();

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
        checkOptionNames(options);
        if (numEnvs < 1) {
            throw EnvException.invalidArgument("num_envs must be at least 1, got " + numEnvs);
        }
        String observation = options.getOrDefault(OPTION_OBSERVATION, OBSERVATION_INDEX);
        boolean oneHot;
        switch (observation) {
            case OBSERVATION_INDEX -> oneHot = false;
            case OBSERVATION_ONEHOT -> oneHot = true;
            default -> throw EnvException.invalidArgument("option " + OPTION_OBSERVATION + "='" + observation + "' is not "
                    + "accepted by " + ID + "; accepted values: [" + OBSERVATION_INDEX + ", " + OBSERVATION_ONEHOT + "]");
        }
        EnvSpec spec = oneHot ? SPEC.withObservationSpace(ONE_HOT) : SPEC;
        IcuSepsisData data;
        try {
            data = IcuSepsisData.load();
        } catch (UncheckedIOException e) {
            throw new EnvException(EnvException.Code.INTERNAL, ID + " is unavailable on this server: " + e.getMessage());
        }
        return new IcuSepsisVectorEnv(spec, numEnvs, data, oneHot);
    }

    /** The label of an action index, e.g. {@code "fluid 2 / vaso 0"} for 10. */
    public static String actionLabel(int action) {
        return "fluid " + IcuSepsisData.fluidBin(action) + " / vaso " + IcuSepsisData.vasoBin(action);
    }

    private static EnvSpec buildSpec() {
        List<String> labels = new ArrayList<>();
        for (int a = 0; a < IcuSepsisData.NUM_ACTIONS; a++) {
            labels.add(actionLabel(a));
        }
        return new EnvSpec(ID,
                "ICU-Sepsis v2 (Choudhary, Gupta & Thomas, RLC 2024; MIT): a tabular MDP of sepsis treatment built "
                        + "from the MIMIC-III AI Clinician cohort. 716 states (0-712 patient-state clusters, 713 death, "
                        + "714 survival, 715 absorbing), 25 actions (index = 5 x fluid_bin + vaso_bin, bins 0 = none, "
                        + "1-4 = dose quartiles), one step = 4 h. Reward +1 on survival, else 0; the episode terminates "
                        + "on death or survival; undiscounted, capped at 500 steps. Published returns: random 0.78, "
                        + "expert 0.78, optimal 0.88.",
                new DiscreteSpace(IcuSepsisData.NUM_STATES, 0, List.of()),
                new DiscreteSpace(IcuSepsisData.NUM_ACTIONS, 0, labels),
                0.0, 1.0, MAX_EPISODE_STEPS, EnumSet.allOf(AutoresetMode.class),
                List.of(new InfoKey(INFO_SOFA, "mean SOFA score of the current state's cluster (points, 0-24; 0 for "
                                + "death, survival and the absorbing state)"),
                        new InfoKey(INFO_STATE, "current MDP state index (0-715)")),
                List.of(new EnvOption(OPTION_OBSERVATION, "observation encoding: '" + OBSERVATION_INDEX
                        + "' (Discrete(716), the state index) or '" + OBSERVATION_ONEHOT
                        + "' (Box(716) of 0/1 float32, names state_0..state_715)", OBSERVATION_INDEX)),
                new MultiDiscreteSpace(new int[] {IcuSepsisData.BINS, IcuSepsisData.BINS}, List.of("fluid_bin", "vaso_bin")),
                1.0);
    }

    private static BoxSpace oneHotSpace() {
        int n = IcuSepsisData.NUM_STATES;
        List<String> names = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            names.add("state_" + s);
        }
        double[] high = new double[n];
        java.util.Arrays.fill(high, 1.0);
        return BoxSpace.vector(new double[n], high, names, Collections.nCopies(n, ""));
    }
}
