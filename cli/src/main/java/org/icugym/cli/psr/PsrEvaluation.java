package org.icugym.cli.psr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.icugym.grpc.TensorCodec;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.AutoresetMode;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.InfoField;
import org.icugym.proto.v1.PolicyServiceClient;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.proto.v1.Tensor;

/**
 * Plays sepsis episodes through a real env server with policies served by a real policy server and
 * compares them: each arm runs in its own session of {@code numEnvs} environments with the same
 * seed, so environment i's k-th episode admits the same patient in every arm (paired comparison).
 * Rewards, deaths ({@code died_90d}) and the safety flags come from the env server's step infos
 * (core's {@code SafetyEvaluator}: G1, G2, hazards A–D).
 */
public final class PsrEvaluation {
    private static final String G1 = "g1_hypoperfusion";
    private static final String G2 = "g2_vasopressor_weaning";
    private static final List<String> HAZARDS = List.of("hazard_a", "hazard_b", "hazard_c", "hazard_d");
    private static final String DIED = "died_90d";

    /**
     * One policy under evaluation.
     *
     * @param name arm name in reports
     * @param modelId the policy server's model
     * @param deterministic argmax (true) or sampled actions
     * @param simulate whether Act carries the session, so a planner can call Simulate
     * @param description what the arm does, in words
     */
    public record Arm(String name, String modelId, boolean deterministic, boolean simulate, String description) {}

    /**
     * What to run.
     *
     * @param envId environment id, e.g. {@code Sepsis-Physiology-v1}
     * @param options CreateSession options
     * @param numEnvs environments per session (rows per Act request)
     * @param episodes episodes per arm (rounded up to a multiple of {@code numEnvs})
     * @param seed session seed shared by every arm
     * @param envServer the env server as the policy server reaches it, "host:port"
     */
    public record Settings(String envId, Map<String, String> options, int numEnvs, int episodes, long seed,
            String envServer) {}

    private final EnvServiceClient env;
    private final PolicyServiceClient policy;
    private final Settings settings;
    private final Duration timeout = Duration.ofMinutes(2);

    /** An evaluation through these clients. */
    public PsrEvaluation(EnvServiceClient env, PolicyServiceClient policy, Settings settings) {
        this.env = env;
        this.policy = policy;
        this.settings = settings;
    }

    /** Runs every arm in order; the first is the reference of the paired differences. */
    public List<ArmResult> run(List<Arm> arms, Consumer<String> progress) throws Exception {
        List<ArmResult> out = new ArrayList<>();
        Map<Long, Double> reference = null;
        for (Arm arm : arms) {
            long start = System.nanoTime();
            List<EpisodeLog> logs = play(arm, progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<Long, Double> returns = new HashMap<>();
            logs.forEach(l -> returns.put(key(l), l.totalReward()));
            out.add(summarise(arm, logs, reference, seconds));
            if (reference == null) {
                reference = returns;
            }
        }
        return out;
    }

    private static long key(EpisodeLog l) {
        return ((long) l.env() << 32) | l.ordinal();
    }

    /** Plays {@code settings.episodes()} episodes of one arm. */
    List<EpisodeLog> play(Arm arm, Consumer<String> progress) throws Exception {
        int n = settings.numEnvs();
        int quota = (settings.episodes() + n - 1) / n;
        CreateSessionResponse session = get(env.createSession(CreateSessionRequest.newBuilder()
                .setEnvId(settings.envId()).setNumEnvs(n).setSeed(settings.seed()).putAllOptions(settings.options())
                .setAutoresetMode(AutoresetMode.AUTORESET_MODE_SAME_STEP).build()));
        String sid = session.getSessionId();
        int dim = (int) session.getSpec().getObservationSpace().getBox().getShapeList().stream()
                .mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        try {
            float[] obs = floats(get(env.reset(ResetRequest.newBuilder().setSessionId(sid).setSeed(settings.seed())
                    .build())).getObservations());
            int[] finished = new int[n];
            double[] ret = new double[n];
            int[][] counts = new int[n][4];
            List<EpisodeLog> logs = new ArrayList<>();
            int nextReport = Math.max(1, settings.episodes() / 10);
            while (logs.size() < quota * n) {
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (finished[i] < quota) {
                        rows.add(i);
                    }
                }
                long[] chosen = act(arm, sid, obs, dim, rows);
                long[] actions = new long[n];
                for (int r = 0; r < rows.size(); r++) {
                    actions[rows.get(r)] = chosen[r];
                }
                StepResponse s = get(env.step(StepRequest.newBuilder().setSessionId(sid)
                        .setActions(TensorCodec.int64(actions, n)).build()));
                float[] rewards = floats(s.getRewards());
                boolean[] term = bools(s.getTerminated());
                boolean[] trunc = bools(s.getTruncated());
                boolean[] fin = s.hasFinalMask() ? bools(s.getFinalMask()) : new boolean[n];
                for (int i : rows) {
                    Map<String, InfoField> infos = fin[i] ? s.getFinalInfosMap() : s.getInfosMap();
                    ret[i] += rewards[i];
                    counts[i][0]++;
                    counts[i][1] += flag(infos, G1, i) ? 1 : 0;
                    counts[i][2] += flag(infos, G2, i) ? 1 : 0;
                    for (String h : HAZARDS) {
                        counts[i][3] += flag(infos, h, i) ? 1 : 0;
                    }
                    if (term[i] || trunc[i]) {
                        logs.add(new EpisodeLog(i, finished[i]++, ret[i], flag(infos, DIED, i), counts[i][0],
                                counts[i][1], counts[i][2], counts[i][3]));
                        ret[i] = 0;
                        counts[i] = new int[4];
                        if (logs.size() >= nextReport) {
                            progress.accept(arm.name() + ": " + logs.size() + "/" + quota * n + " episodes");
                            nextReport += Math.max(1, settings.episodes() / 10);
                        }
                    }
                }
                obs = floats(s.getObservations());
            }
            return logs;
        } finally {
            get(env.closeSession(CloseSessionRequest.newBuilder().setSessionId(sid).build()));
        }
    }

    private long[] act(Arm arm, String sid, float[] obs, int dim, List<Integer> rows) throws Exception {
        float[] x = new float[rows.size() * dim];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(obs, rows.get(r) * dim, x, r * dim, dim);
        }
        ActRequest.Builder b = ActRequest.newBuilder().setModelId(arm.modelId()).setDeterministic(arm.deterministic())
                .setObservations(TensorCodec.float32(x, rows.size(), dim));
        if (arm.simulate()) {
            b.setSessionId(sid).setEnvServer(settings.envServer()).addAllEnvIndices(rows);
        }
        ActResponse r = get(policy.act(b.build()));
        long[] actions = new long[rows.size()];
        r.getActions().getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(actions);
        return actions;
    }

    private static ArmResult summarise(Arm arm, List<EpisodeLog> logs, Map<Long, Double> reference, double seconds) {
        int n = logs.size();
        double[] returns = logs.stream().mapToDouble(EpisodeLog::totalReward).toArray();
        double[] died = logs.stream().mapToDouble(l -> l.died() ? 1 : 0).toArray();
        double[] g1g2 = logs.stream().mapToDouble(l -> l.g1() + l.g2()).toArray();
        long steps = logs.stream().mapToLong(EpisodeLog::steps).sum();
        double delta = 0;
        double deltaCi = 0;
        if (reference != null) {
            double[] d = logs.stream().filter(l -> reference.containsKey(key(l)))
                    .mapToDouble(l -> l.totalReward() - reference.get(key(l))).toArray();
            delta = mean(d);
            deltaCi = ci95(d);
        }
        return new ArmResult(arm.name(), arm.description(), n, steps, mean(returns), ci95(returns), mean(died),
                ci95(died), logs.stream().mapToLong(EpisodeLog::g1).sum() / (double) steps,
                logs.stream().mapToLong(EpisodeLog::g2).sum() / (double) steps,
                logs.stream().mapToLong(EpisodeLog::hazards).sum() / (double) steps, mean(g1g2), ci95(g1g2), delta,
                deltaCi, seconds);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    /** Half-width of the normal 95 % confidence interval of the mean (1.96 standard errors). */
    static double ci95(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return 1.96 * Math.sqrt(ss / (x.length - 1) / x.length);
    }

    private static boolean flag(Map<String, InfoField> infos, String key, int i) {
        InfoField f = infos.get(key);
        if (f == null || (f.hasPresent() && !bools(f.getPresent())[i])) {
            return false;
        }
        Tensor t = f.getValues();
        ByteBuffer b = t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return switch (t.getDtype()) {
            case DTYPE_FLOAT64 -> b.getDouble(i * 8) > 0.5;
            case DTYPE_FLOAT32 -> b.getFloat(i * 4) > 0.5f;
            case DTYPE_BOOL, DTYPE_UINT8 -> b.get(i) != 0;
            default -> false;
        };
    }

    private static float[] floats(Tensor t) {
        float[] out = new float[t.getData().size() / 4];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static boolean[] bools(Tensor t) {
        byte[] b = t.getData().toByteArray();
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }

    private <T> T get(CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
