package org.icugym.trainer.run;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.icugym.core.random.Rng;
import org.icugym.proto.v1.AutoresetMode;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.EnvSpec;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.trainer.ppo.ActorCriticNetwork;
import org.icugym.trainer.rollout.ObservationCodec;
import org.icugym.trainer.rollout.RolloutException;
import org.icugym.trainer.rollout.SessionStream;

/**
 * Evaluates trained policy weights on an environment server: runs exactly {@code episodesPerEnv}
 * episodes in each of a vector of environments (so short episodes are not over-represented) and
 * reports the mean undiscounted return with a 95% confidence interval. Acts greedily (the most
 * probable action) or by sampling the policy.
 */
public final class PolicyEvaluation {
    private static final int MAX_ENVS = 1000;

    private PolicyEvaluation() {
    }

    /**
     * The outcome of an evaluation.
     *
     * @param envId      environment
     * @param episodes   episodes run
     * @param meanReturn mean undiscounted return
     * @param ci95       half-width of the normal 95% confidence interval of the mean
     * @param greedy     whether the policy acted greedily
     * @param steps      environment steps taken (including those of environments already done)
     */
    public record Result(String envId, int episodes, double meanReturn, double ci95, boolean greedy, long steps) {
    }

    /**
     * Runs about {@code episodes} episodes (rounded up to fill every environment) of {@code envId}
     * on {@code host:port} with the policy in {@code weights} (an actor-critic with {@code hidden}
     * layers), seeded by {@code seed}.
     *
     * @throws IllegalArgumentException if {@code episodes < 1} or the weights do not fit the environment
     * @throws IllegalStateException    if the server cannot be reached or refuses a request
     */
    public static Result evaluate(String host, int port, String envId, byte[] weights, int[] hidden, int episodes,
            boolean greedy, long seed, Config config) {
        if (episodes < 1) {
            throw new IllegalArgumentException("evaluation needs at least one episode, got " + episodes);
        }
        int numEnvs = Math.min(MAX_ENVS, episodes);
        int perEnv = (episodes + numEnvs - 1) / numEnvs;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "icugym-eval", config);
        try (SessionStream stream = new SessionStream(host, port, system)) {
            SessionResponse created = call(stream, SessionRequest.newBuilder().setCreate(CreateSessionRequest.newBuilder()
                    .setEnvId(envId).setNumEnvs(numEnvs).setSeed(seed).setAutoresetMode(AutoresetMode.AUTORESET_MODE_SAME_STEP)));
            EnvSpec spec = created.getCreate().getSpec();
            String session = created.getCreate().getSessionId();
            ObservationCodec codec = ObservationCodec.of(spec);
            try (ActorCriticNetwork policy = new ActorCriticNetwork(codec.width(), ObservationCodec.numActions(spec), hidden,
                    0, Device.cpu())) {
                policy.load(weights);
                float[] obs = new float[numEnvs * codec.width()];
                SessionResponse reset = call(stream, SessionRequest.newBuilder().setReset(ResetRequest.newBuilder()
                        .setSessionId(session).setSeed(seed)));
                codec.encode(reset.getReset().getObservations(), numEnvs, obs, 0);
                return run(stream, session, codec, policy, obs, numEnvs, perEnv, greedy, new Rng(seed), envId);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static Result run(SessionStream stream, String session, ObservationCodec codec, ActorCriticNetwork policy,
            float[] obs, int numEnvs, int perEnv, boolean greedy, Rng rng, String envId) {
        int[] done = new int[numEnvs];
        double[] running = new double[numEnvs];
        double sum = 0;
        double sumSq = 0;
        int finished = 0;
        long steps = 0;
        int a = policy.numActions();
        while (finished < numEnvs * perEnv) {
            if (steps > 100_000_000L) {
                throw new IllegalStateException("evaluation of " + envId + " did not finish its episodes in "
                        + steps + " steps; do its episodes end?");
            }
            StepRequest.Builder step = StepRequest.newBuilder().setSessionId(session);
            try (NDManager m = policy.manager().newSubManager()) {
                float[] logits = policy.logits(m.create(obs, new Shape(numEnvs, codec.width())), false).logSoftmax(1)
                        .toFloatArray();
                for (int i = 0; i < numEnvs; i++) {
                    step.addDiscreteActions(greedy ? argmax(logits, i * a, a) : sample(logits, i * a, a, rng));
                }
            }
            StepResponse s = call(stream, SessionRequest.newBuilder().setStep(step)).getStep();
            steps += numEnvs;
            float[] rewards = ObservationCodec.floats(s.getRewards());
            boolean[] term = ObservationCodec.bools(s.getTerminated(), numEnvs);
            boolean[] trunc = ObservationCodec.bools(s.getTruncated(), numEnvs);
            for (int i = 0; i < numEnvs; i++) {
                running[i] += rewards[i];
                if (term[i] || trunc[i]) {
                    if (done[i] < perEnv) {
                        done[i]++;
                        finished++;
                        sum += running[i];
                        sumSq += running[i] * running[i];
                    }
                    running[i] = 0;
                }
            }
            codec.encode(s.getObservations(), numEnvs, obs, 0);
        }
        double mean = sum / finished;
        double var = finished > 1 ? Math.max(0, (sumSq - finished * mean * mean) / (finished - 1)) : 0;
        return new Result(envId, finished, mean, 1.96 * Math.sqrt(var / finished), greedy, steps);
    }

    private static int argmax(float[] x, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (x[from + k] > x[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static int sample(float[] logp, int from, int count, Rng rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int k = 0; k < count; k++) {
            c += Math.exp(logp[from + k]);
            if (u < c) {
                return k;
            }
        }
        return count - 1;
    }

    private static SessionResponse call(SessionStream stream, SessionRequest.Builder request) {
        try {
            return stream.call(request).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IllegalStateException("evaluation failed: " + (c instanceof RolloutException ? c.getMessage() : c), c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the environment server did not answer within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
