package org.icugym.trainer.ppo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every hyperparameter of one PPO run, with CleanRL's {@code ppo.py} defaults in {@link #defaults}.
 *
 * @param envId           environment id on the server, for example {@code CartPole-v1}
 * @param envServerHost   host of the environment server
 * @param envServerPort   port of the environment server
 * @param totalSteps      environment steps to train for (all envs together)
 * @param seed            seed of the network, sampling, minibatch order and environments
 * @param numEnvs         environments per rollout worker (one vectorised session)
 * @param numSteps        steps per environment per rollout
 * @param learningRate    Adam learning rate at the start
 * @param annealLr        whether the learning rate decays linearly to 0 over the run
 * @param gamma           discount factor
 * @param gaeLambda       GAE λ
 * @param numMinibatches  minibatches per epoch
 * @param updateEpochs    passes over each batch
 * @param normAdv         whether advantages are normalised per minibatch
 * @param clipCoef        surrogate (and value) clip coefficient
 * @param clipVloss       whether the value loss is clipped
 * @param entCoef         entropy bonus coefficient
 * @param vfCoef          value loss coefficient
 * @param maxGradNorm     global gradient-norm clip
 * @param targetKl        stop the epochs of an update once approx-KL exceeds this; NaN for never
 * @param hidden          hidden layer widths of actor and critic
 * @param device          DJL device name, {@code cpu} or {@code gpu0}
 * @param maxStaleness    how many policy versions a batch may lag before the learner rejects it
 * @param checkpointEvery write a checkpoint every this many updates (0: never); the rollout workers
 *                        reset their environments at these boundaries so a resumed run continues exactly
 * @param outDir          where metrics go; null for nowhere
 */
public record PpoSettings(String envId, String envServerHost, int envServerPort, long totalSteps, long seed,
        int numEnvs, int numSteps, double learningRate, boolean annealLr, double gamma, double gaeLambda,
        int numMinibatches, int updateEpochs, boolean normAdv, double clipCoef, boolean clipVloss, double entCoef,
        double vfCoef, double maxGradNorm, double targetKl, int[] hidden, String device, int maxStaleness, int checkpointEvery,
        Path outDir) {

    /** Checks every value; the message says which one is wrong and what it may be. */
    public PpoSettings {
        require(envId != null && !envId.isBlank(), "envId must name an environment, for example CartPole-v1");
        require(envServerPort > 0 && envServerPort < 65536, "envServerPort must be in 1..65535, got " + envServerPort);
        require(numEnvs >= 1 && numSteps >= 1, "numEnvs and numSteps must be >= 1");
        require(totalSteps >= (long) numEnvs * numSteps, "totalSteps must cover at least one rollout (numEnvs * numSteps = "
                + (long) numEnvs * numSteps + "), got " + totalSteps);
        require(numMinibatches >= 1 && numEnvs * numSteps % numMinibatches == 0,
                "numMinibatches must divide numEnvs * numSteps = " + numEnvs * numSteps);
        require(updateEpochs >= 1, "updateEpochs must be >= 1");
        require(learningRate > 0, "learningRate must be > 0");
        require(gamma >= 0 && gamma <= 1 && gaeLambda >= 0 && gaeLambda <= 1, "gamma and gaeLambda must lie in [0, 1]");
        require(clipCoef > 0 && maxGradNorm > 0, "clipCoef and maxGradNorm must be > 0");
        require(hidden != null && hidden.length > 0 && Arrays.stream(hidden).allMatch(h -> h > 0), "hidden needs positive widths");
        require(maxStaleness >= 0, "maxStaleness must be >= 0");
        require(checkpointEvery >= 0, "checkpointEvery must be >= 0 (0: no checkpoints), got " + checkpointEvery);
        require(checkpointEvery == 0 || outDir != null, "checkpoints need an output folder");
        require(Double.isNaN(targetKl) || targetKl > 0, "targetKl must be > 0 (or NaN for none)");
        hidden = hidden.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** CleanRL's defaults for {@code envId} on the given server. */
    public static PpoSettings defaults(String envId, String host, int port, long totalSteps, long seed) {
        return new PpoSettings(envId, host, port, totalSteps, seed, 4, 128, 2.5e-4, true, 0.99, 0.95, 4, 4, true, 0.2,
                true, 0.01, 0.5, 0.5, Double.NaN, new int[] {64, 64}, "cpu", 0, 0, null);
    }

    /** Steps per rollout batch. */
    public int batchSize() {
        return numEnvs * numSteps;
    }

    /** Updates in the run. */
    public long numUpdates() {
        return totalSteps / batchSize();
    }

    /** A copy with other run-scale values. */
    public PpoSettings with(int numEnvs, int numSteps, double learningRate, Path outDir) {
        return new PpoSettings(envId, envServerHost, envServerPort, totalSteps, seed, numEnvs, numSteps, learningRate,
                annealLr, gamma, gaeLambda, numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef,
                maxGradNorm, targetKl, hidden, device, maxStaleness, outDir == null ? 0 : checkpointEvery, outDir);
    }

    /** A copy that checkpoints every {@code every} updates (0: never). */
    public PpoSettings withCheckpointEvery(int every) {
        return new PpoSettings(envId, envServerHost, envServerPort, totalSteps, seed, numEnvs, numSteps, learningRate,
                annealLr, gamma, gaeLambda, numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef,
                maxGradNorm, targetKl, hidden, device, maxStaleness, every, outDir);
    }

    /** A copy with another step budget. */
    public PpoSettings withTotalSteps(long steps) {
        return new PpoSettings(envId, envServerHost, envServerPort, steps, seed, numEnvs, numSteps, learningRate,
                annealLr, gamma, gaeLambda, numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef,
                maxGradNorm, targetKl, hidden, device, maxStaleness, checkpointEvery, outDir);
    }

    /** A copy with another staleness bound (versions a batch may lag before it is rejected). */
    public PpoSettings withMaxStaleness(int versions) {
        return new PpoSettings(envId, envServerHost, envServerPort, totalSteps, seed, numEnvs, numSteps, learningRate,
                annealLr, gamma, gaeLambda, numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef,
                maxGradNorm, targetKl, hidden, device, versions, checkpointEvery, outDir);
    }

    /** A copy that talks to the environment server at {@code host:port}. */
    public PpoSettings withEnvServer(String host, int port) {
        return new PpoSettings(envId, host, port, totalSteps, seed, numEnvs, numSteps, learningRate,
                annealLr, gamma, gaeLambda, numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef,
                maxGradNorm, targetKl, hidden, device, maxStaleness, checkpointEvery, outDir);
    }

    /** Every hyperparameter by CleanRL's name, in a stable order, for logging. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env_id", envId);
        m.put("env_server", envServerHost + ":" + envServerPort);
        m.put("total_timesteps", totalSteps);
        m.put("seed", seed);
        m.put("num_envs", numEnvs);
        m.put("num_steps", numSteps);
        m.put("learning_rate", learningRate);
        m.put("anneal_lr", annealLr);
        m.put("gamma", gamma);
        m.put("gae_lambda", gaeLambda);
        m.put("num_minibatches", numMinibatches);
        m.put("update_epochs", updateEpochs);
        m.put("norm_adv", normAdv);
        m.put("clip_coef", clipCoef);
        m.put("clip_vloss", clipVloss);
        m.put("ent_coef", entCoef);
        m.put("vf_coef", vfCoef);
        m.put("max_grad_norm", maxGradNorm);
        m.put("target_kl", Double.isNaN(targetKl) ? null : targetKl);
        m.put("hidden", Arrays.toString(hidden));
        m.put("device", device);
        m.put("max_staleness", maxStaleness);
        m.put("checkpoint_every", checkpointEvery);
        m.put("adam_eps", PpoUpdate.ADAM_EPS);
        m.put("batch_size", batchSize());
        m.put("minibatch_size", batchSize() / numMinibatches);
        m.put("num_iterations", numUpdates());
        return m;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
