package org.icugym.core.env;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icugym.core.random.Rng;
import org.icugym.core.space.DiscreteSpace;

/**
 * Drives one {@link VectorEnv} with Gymnasium 1.x vector semantics: per-environment seeded
 * streams ({@code reset(seed=s)} seeds environment i with {@code s + i}), the time limit
 * (truncation), the three autoreset modes, reset masks, and validation of every request with a
 * typed {@link EnvException} that leaves the state untouched.
 *
 * <p>Every environment behaves the same through this class, whichever server, client or test
 * drives it. Not thread-safe: the owning session actor calls it from one thread at a time.
 */
public final class VectorSession {
    /** Separates the Simulate streams from the environments' streams (seed + i). */
    private static final long SIMULATION_SALT = 0x51A7_E5EE_D0F0_7ECAL;
    private final VectorEnv env;
    private final EnvSpec spec;
    private final AutoresetMode mode;
    private final int numEnvs;
    private final int obsDim;
    private final int numActions;
    private final Rng[] rngs;
    private final int[] elapsed;
    private final boolean[] started;
    private final boolean[] ended;
    private final float[] obs;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] active;
    private final int[] actionBuffer;
    private final InfoBuffer infos;
    private final InfoBuffer resetInfos;
    private final long simulationSeed;
    private long simulations;

    /**
     * A session over {@code env}; environment i's stream starts from {@code seed + i}, or from
     * system entropy when {@code seed} is null.
     */
    public VectorSession(VectorEnv env, AutoresetMode mode, Long seed) {
        this.env = env;
        this.spec = env.spec();
        this.mode = mode;
        if (!spec.autoresetModes().contains(mode)) {
            throw EnvException.invalidArgument("autoreset mode " + mode + " is not supported by " + spec.id()
                    + "; supported: " + spec.autoresetModes());
        }
        if (!(spec.actionSpace() instanceof DiscreteSpace d)) {
            throw new IllegalArgumentException("only Discrete action spaces are supported, " + spec.id()
                    + " has " + spec.actionSpace());
        }
        this.numActions = d.n();
        this.numEnvs = env.numEnvs();
        this.obsDim = spec.obsDim();
        this.rngs = new Rng[numEnvs];
        long base = seed != null ? seed : Rng.fromEntropy().nextLong();
        this.simulationSeed = new Rng(base ^ SIMULATION_SALT).nextLong();
        for (int i = 0; i < numEnvs; i++) {
            rngs[i] = new Rng(base + i);
        }
        this.elapsed = new int[numEnvs];
        this.started = new boolean[numEnvs];
        this.ended = new boolean[numEnvs];
        this.obs = new float[numEnvs * obsDim];
        this.rewards = new float[numEnvs];
        this.terminated = new boolean[numEnvs];
        this.truncated = new boolean[numEnvs];
        this.active = new boolean[numEnvs];
        this.actionBuffer = new int[numEnvs];
        this.infos = InfoBuffer.forSpec(spec, numEnvs);
        this.resetInfos = InfoBuffer.forSpec(spec, numEnvs);
    }

    /** The spec of the environments. */
    public EnvSpec spec() {
        return spec;
    }

    /** The autoreset mode. */
    public AutoresetMode mode() {
        return mode;
    }

    /** Number of environments. */
    public int numEnvs() {
        return numEnvs;
    }

    /**
     * Resets the environments selected by {@code mask} (null or empty = all). {@code seed}
     * re-seeds environment i with {@code seed + i}; {@code seeds} gives one seed per environment;
     * both null continues each environment's stream. Unselected environments keep their state and
     * report their current observation.
     */
    public ResetResult reset(Long seed, long[] seeds, boolean[] mask, Map<String, String> options) {
        validateReset(seed, seeds, mask, options);
        infos.clearAll();
        for (int i = 0; i < numEnvs; i++) {
            if (mask != null && mask.length > 0 && !mask[i]) {
                continue;
            }
            if (seed != null) {
                rngs[i] = new Rng(seed + i);
            } else if (seeds != null && seeds.length > 0) {
                rngs[i] = new Rng(seeds[i]);
            }
            resetOne(i, infos);
        }
        return new ResetResult(obs.clone(), infos.copy());
    }

    /** Whether the environments can forecast (implement {@link Simulatable}). */
    public boolean canSimulate() {
        return env instanceof Simulatable;
    }

    /**
     * Forecasts candidate plans from environment {@code envIndex} without changing any
     * environment, its random stream or the session's counters. Call {@code n} of a session draws
     * from a stream derived from the session's seed and {@code n}, so a seeded session's forecasts
     * are reproducible.
     *
     * @param envIndex which environment, 0..numEnvs-1
     * @param plans K plans of H actions each, each action in the action space
     * @param numSamples samples per plan; 0 means the limits' default
     * @param limits the bounds on K, H and the sample count
     * @throws EnvException INVALID_ARGUMENT for a bad index, shape or action; UNIMPLEMENTED if the
     *     environment cannot forecast; FAILED_PRECONDITION before reset or after the episode ended
     */
    public Forecast simulate(int envIndex, long[][] plans, int numSamples, SimulationLimits limits) {
        Checked c = checkSimulate(envIndex, plans, numSamples, limits);
        return c.model().simulate(envIndex, c.plans(), c.samples(), c.rng());
    }

    /**
     * The same forecast as {@link #simulate}, without blocking on environments whose forecast
     * waits for work done elsewhere ({@link Simulatable#simulateAsync}). Invalid requests throw
     * here, before anything is started; the caller must not use the session until the stage completes.
     */
    public CompletionStage<Forecast> simulateAsync(int envIndex, long[][] plans, int numSamples,
            SimulationLimits limits) {
        Checked c = checkSimulate(envIndex, plans, numSamples, limits);
        return c.model().simulateAsync(envIndex, c.plans(), c.samples(), c.rng());
    }

    private record Checked(Simulatable model, int[][] plans, int samples, Rng rng) {}

    private Checked checkSimulate(int envIndex, long[][] plans, int numSamples, SimulationLimits limits) {
        if (envIndex < 0 || envIndex >= numEnvs) {
            throw EnvException.invalidArgument("env_index " + envIndex + " is outside this session's " + numEnvs
                    + " environments: use 0.." + (numEnvs - 1));
        }
        if (!(env instanceof Simulatable model)) {
            throw EnvException.unimplemented("environment " + spec.id() + " cannot simulate: Simulate needs an "
                    + "environment with a model, such as Sepsis-Physiology-v1");
        }
        int samples = limits.check(plans, numSamples);
        int[][] checked = new int[plans.length][];
        for (int k = 0; k < plans.length; k++) {
            checked[k] = new int[plans[k].length];
            for (int h = 0; h < plans[k].length; h++) {
                long a = plans[k][h];
                if (a < 0 || a >= numActions) {
                    throw EnvException.invalidArgument("candidate " + k + " step " + h + ": action " + a
                            + " is outside the action space 0.." + (numActions - 1));
                }
                checked[k][h] = (int) a;
            }
        }
        if (!started[envIndex]) {
            throw EnvException.failedPrecondition("environment " + envIndex + " has not been reset: call Reset before "
                    + "Simulate");
        }
        if (ended[envIndex]) {
            throw EnvException.failedPrecondition("environment " + envIndex + "'s episode has ended: reset it (or step "
                    + "to autoreset) before Simulate");
        }
        return new Checked(model, checked, samples, new Rng(simulationSeed + simulations++));
    }

    /**
     * Steps every environment with one action each (length {@code numEnvs}, each in the action
     * space). See {@link AutoresetMode} for what happens to environments whose episode ended.
     */
    public StepResult step(long[] actions) {
        beginStep(actions);
        env.step(actionBuffer, active, rngs, obs, rewards, terminated, infos);
        return finishStep();
    }

    /** Whether steps wait for work done elsewhere ({@link AsyncVectorEnv}); such sessions should use {@link #stepAsync}. */
    public boolean isAsync() {
        return env instanceof AsyncVectorEnv;
    }

    /**
     * The same step as {@link #step} without blocking on an {@link AsyncVectorEnv}: invalid
     * requests throw here with the state untouched; otherwise the stage completes with the result
     * (on any thread). The caller must not use the session until the stage has completed. For a
     * synchronous environment this is {@link #step} on the calling thread.
     */
    public CompletionStage<StepResult> stepAsync(long[] actions) {
        if (!(env instanceof AsyncVectorEnv async)) {
            return CompletableFuture.completedFuture(step(actions));
        }
        beginStep(actions);
        return async.stepAsync(actionBuffer, active, rngs, obs, rewards, terminated, infos)
                .thenApply(done -> finishStep());
    }

    private void beginStep(long[] actions) {
        validateStep(actions);
        infos.clearAll();
        for (int i = 0; i < numEnvs; i++) {
            actionBuffer[i] = (int) actions[i];
            boolean resetNow = mode == AutoresetMode.NEXT_STEP && ended[i];
            active[i] = !resetNow;
            terminated[i] = false;
            truncated[i] = false;
            if (resetNow) {
                rewards[i] = 0f;
                resetOne(i, infos);
            }
        }
    }

    private StepResult finishStep() {
        for (int i = 0; i < numEnvs; i++) {
            if (active[i]) {
                elapsed[i]++;
                // Gymnasium's TimeLimit: truncated at the limit even if the episode also terminated on that step.
                truncated[i] = spec.maxEpisodeSteps() > 0 && elapsed[i] >= spec.maxEpisodeSteps();
                ended[i] = terminated[i] || truncated[i];
            }
        }
        return mode == AutoresetMode.SAME_STEP ? finishSameStep() : snapshot(null, null, null);
    }

    private StepResult finishSameStep() {
        float[] finalObs = new float[obs.length];
        boolean[] finalMask = new boolean[numEnvs];
        InfoBuffer finalInfos = InfoBuffer.forSpec(spec, numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            if (ended[i]) {
                finalMask[i] = true;
                System.arraycopy(obs, i * obsDim, finalObs, i * obsDim, obsDim);
                finalInfos.copyRow(infos, i);
                infos.clear(i);
                resetOne(i, infos);
            }
        }
        return snapshot(finalObs, finalMask, finalInfos);
    }

    private StepResult snapshot(float[] finalObs, boolean[] finalMask, InfoBuffer finalInfos) {
        return new StepResult(obs.clone(), rewards.clone(), terminated.clone(), truncated.clone(), infos.copy(),
                finalObs, finalMask, finalInfos);
    }

    private void resetOne(int i, InfoBuffer into) {
        resetInfos.clear(i);
        env.reset(i, rngs[i], obs, resetInfos);
        into.copyRow(resetInfos, i);
        elapsed[i] = 0;
        started[i] = true;
        ended[i] = false;
    }

    private void validateReset(Long seed, long[] seeds, boolean[] mask, Map<String, String> options) {
        if (seed != null && seeds != null && seeds.length > 0) {
            throw EnvException.invalidArgument("give either seed or seeds, not both");
        }
        if (seeds != null && seeds.length > 0 && seeds.length != numEnvs) {
            throw EnvException.invalidArgument("seeds has " + seeds.length + " entries; the session has "
                    + numEnvs + " environments: give one seed per environment, or a single seed");
        }
        if (mask != null && mask.length > 0 && mask.length != numEnvs) {
            throw EnvException.invalidArgument("reset_mask has " + mask.length + " entries; the session has "
                    + numEnvs + " environments: give one flag per environment, or none to reset all");
        }
        if (options != null && !options.isEmpty()) {
            throw EnvException.invalidArgument(spec.id() + " accepts no reset options, got "
                    + options.keySet() + "; pass environment options to CreateSession instead");
        }
    }

    private void validateStep(long[] actions) {
        if (actions.length != numEnvs) {
            throw EnvException.invalidArgument("got " + actions.length + " actions; the session has " + numEnvs
                    + " environments: send exactly one action per environment");
        }
        for (int i = 0; i < numEnvs; i++) {
            if (actions[i] < 0 || actions[i] >= numActions) {
                throw EnvException.invalidArgument("action " + actions[i] + " of environment " + i
                        + " is outside the action space Discrete(" + numActions + "): use 0.." + (numActions - 1));
            }
            if (!started[i]) {
                throw EnvException.failedPrecondition("environment " + i + " has not been reset: call Reset before Step");
            }
            if (mode == AutoresetMode.DISABLED && ended[i]) {
                throw EnvException.failedPrecondition("environment " + i + " finished its episode and autoreset is "
                        + "DISABLED: call Reset with reset_mask selecting it before stepping it again");
            }
        }
    }

    /** Which environments have finished their episode (and await a reset); a copy. */
    public boolean[] endedMask() {
        return Arrays.copyOf(ended, numEnvs);
    }
}
