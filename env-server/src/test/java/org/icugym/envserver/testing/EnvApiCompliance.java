package org.icugym.envserver.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.icugym.proto.v1.AutoresetMode;
import org.icugym.proto.v1.BoxSpace;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.DiscreteSpace;
import org.icugym.proto.v1.EnvSpec;
import org.icugym.proto.v1.InfoKeySpec;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.proto.v1.Tensor;

/**
 * The environment API compliance suite (in the spirit of dm_env_rpc's): checks that one registered
 * environment, reached through one client transport ({@link EnvApi}), follows the API's semantics:
 * spaces match observations, seeding is reproducible, terminated and truncated are kept apart, the
 * three autoreset modes behave as specified, and every bad input gets the right status with a
 * helpful message while another session is unaffected. Each check creates and closes its own
 * sessions; run them for every environment id and every transport.
 */
public final class EnvApiCompliance {
    private static final int NUM_ENVS = 4;
    private final EnvApi api;
    private final EnvSpec spec;
    private final long maxRequestBytes;

    /**
     * Checks {@code spec}'s environment through {@code api} on a server whose request-size limit
     * is {@code maxRequestBytes} (from GetServerInfo).
     */
    public EnvApiCompliance(EnvApi api, EnvSpec spec, long maxRequestBytes) {
        this.api = api;
        this.spec = spec;
        this.maxRequestBytes = maxRequestBytes;
    }

    // ---- spaces and seeding ----------------------------------------------------------------

    /** Every reset and step observation lies in the observation space; rewards in the reward range; infos declared. */
    public void spacesMatchObservations() {
        String id = create(NUM_ENVS, 7L, AutoresetMode.AUTORESET_MODE_NEXT_STEP);
        ResetResponse reset = api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(7).build());
        checkObservations(reset.getObservations(), NUM_ENVS, null);
        assertThat(spec.getInfoKeysList().stream().map(InfoKeySpec::getName).toList())
                .containsAll(reset.getInfosMap().keySet());
        Random random = new Random(1);
        for (int t = 0; t < 200; t++) {
            StepResponse r = api.step(step(id, randomActions(random, NUM_ENVS)));
            checkObservations(r.getObservations(), NUM_ENVS, null);
            assertThat(r.getRewards().getDtype()).isEqualTo(DType.DTYPE_FLOAT32);
            assertThat(r.getRewards().getShapeList()).containsExactly((long) NUM_ENVS);
            for (double reward : Tensors.values(r.getRewards())) {
                assertThat(reward).isBetween(spec.getRewardMin(), spec.getRewardMax());
            }
            assertThat(Tensors.bools(r.getTerminated())).hasSize(NUM_ENVS);
            assertThat(Tensors.bools(r.getTruncated())).hasSize(NUM_ENVS);
            assertThat(spec.getInfoKeysList().stream().map(InfoKeySpec::getName).toList())
                    .containsAll(r.getInfosMap().keySet());
            r.getInfosMap().values().forEach(f -> {
                assertThat(f.getValues().getShapeList()).containsExactly((long) NUM_ENVS);
                assertThat(f.getPresent().getDtype()).isEqualTo(DType.DTYPE_BOOL);
            });
            assertThat(r.hasFinalMask()).as("final_* are set under SAME_STEP only").isFalse();
        }
        close(id);
    }

    /** The same seed and actions give identical observations and rewards; another seed differs. */
    public void seedingIsReproducible() {
        List<double[]> a = trajectory(42L, 5);
        List<double[]> b = trajectory(42L, 5);
        List<double[]> c = trajectory(43L, 5);
        assertThat(b).as("same seed, same actions").hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("record %d", i).containsExactly(a.get(i));
        }
        boolean differs = false;
        for (int i = 0; i < a.size() && !differs; i++) {
            differs = !Arrays.equals(a.get(i), c.get(i));
        }
        assertThat(differs).as("seeds 42 and 43 give different trajectories").isTrue();
    }

    /** Observations then rewards of every step of a seeded rollout with seeded random actions. */
    private List<double[]> trajectory(long seed, long actionSeed) {
        String id = create(NUM_ENVS, seed, AutoresetMode.AUTORESET_MODE_NEXT_STEP);
        List<double[]> out = new ArrayList<>();
        out.add(Tensors.values(api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(seed).build())
                .getObservations()));
        Random random = new Random(actionSeed);
        for (int t = 0; t < 100; t++) {
            StepResponse r = api.step(step(id, randomActions(random, NUM_ENVS)));
            out.add(Tensors.values(r.getObservations()));
            out.add(Tensors.values(r.getRewards()));
        }
        close(id);
        return out;
    }

    // ---- episode ends and autoreset --------------------------------------------------------

    /**
     * Truncation happens exactly at the time limit, termination before it; under NEXT_STEP the step
     * after an end returns reward 0 and clears both flags.
     */
    public void terminatedAndTruncatedApartAndNextStepAutoreset() {
        String id = create(NUM_ENVS, 11L, AutoresetMode.AUTORESET_MODE_NEXT_STEP);
        api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(11).build());
        int[] length = new int[NUM_ENVS];
        boolean[] endedLastStep = new boolean[NUM_ENVS];
        int ends = 0;
        Random random = new Random(3);
        for (int t = 0; t < stepsToSeeEnds() && ends < 8; t++) {
            StepResponse r = api.step(step(id, randomActions(random, NUM_ENVS)));
            boolean[] term = Tensors.bools(r.getTerminated());
            boolean[] trunc = Tensors.bools(r.getTruncated());
            double[] rewards = Tensors.values(r.getRewards());
            for (int i = 0; i < NUM_ENVS; i++) {
                if (endedLastStep[i]) {
                    assertThat(rewards[i]).as("NEXT_STEP reset step of env %d pays 0", i).isZero();
                    assertThat(term[i] || trunc[i]).as("NEXT_STEP reset step of env %d is not an end", i).isFalse();
                    length[i] = 0;
                    endedLastStep[i] = false;
                    continue;
                }
                length[i]++;
                if (trunc[i]) {
                    assertThat(length[i]).as("env %d truncated at the time limit", i).isEqualTo(spec.getMaxEpisodeSteps());
                }
                if (spec.getMaxEpisodeSteps() > 0) {
                    assertThat(length[i]).isLessThanOrEqualTo(spec.getMaxEpisodeSteps());
                    if (length[i] == spec.getMaxEpisodeSteps()) {
                        assertThat(trunc[i]).as("env %d reached the time limit", i).isTrue();
                    }
                }
                if (term[i] || trunc[i]) {
                    endedLastStep[i] = true;
                    ends++;
                }
            }
        }
        assertThat(ends).as("episodes ended during the rollout").isPositive();
        close(id);
    }

    /** Under SAME_STEP an ending env reports its last observation in final_*, which lies in the space. */
    public void sameStepAutoreset() {
        assertThat(spec.getAutoresetModesList()).contains(AutoresetMode.AUTORESET_MODE_SAME_STEP);
        String id = create(NUM_ENVS, 12L, AutoresetMode.AUTORESET_MODE_SAME_STEP);
        api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(12).build());
        Random random = new Random(4);
        int ends = 0;
        for (int t = 0; t < stepsToSeeEnds() && ends < 8; t++) {
            StepResponse r = api.step(step(id, randomActions(random, NUM_ENVS)));
            boolean[] term = Tensors.bools(r.getTerminated());
            boolean[] trunc = Tensors.bools(r.getTruncated());
            boolean[] mask = Tensors.bools(r.getFinalMask());
            checkObservations(r.getObservations(), NUM_ENVS, null);
            checkObservations(r.getFinalObservations(), NUM_ENVS, mask);
            for (int i = 0; i < NUM_ENVS; i++) {
                assertThat(mask[i]).as("final_mask of env %d = terminated or truncated", i).isEqualTo(term[i] || trunc[i]);
                if (mask[i]) {
                    ends++;
                }
            }
            r.getFinalInfosMap().values().forEach(f -> {
                boolean[] present = Tensors.bools(f.getPresent());
                for (int i = 0; i < NUM_ENVS; i++) {
                    assertThat(present[i] && !mask[i]).as("final info only for ended envs").isFalse();
                }
            });
        }
        assertThat(ends).as("episodes ended during the rollout").isPositive();
        close(id);
    }

    /** Under DISABLED stepping an ended env is FAILED_PRECONDITION until a masked reset restarts it. */
    public void disabledAutoreset() {
        String id = create(1, 13L, AutoresetMode.AUTORESET_MODE_DISABLED);
        api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(13).build());
        Random random = new Random(5);
        boolean ended = false;
        for (int t = 0; t < stepsToSeeEnds() && !ended; t++) {
            StepResponse r = api.step(step(id, randomActions(random, 1)));
            ended = Tensors.bools(r.getTerminated())[0] || Tensors.bools(r.getTruncated())[0];
        }
        assertThat(ended).as("the episode ended").isTrue();
        expectError(() -> api.step(step(id, randomActions(random, 1))), Status.Code.FAILED_PRECONDITION, "Reset");
        api.reset(ResetRequest.newBuilder().setSessionId(id).addResetMask(true).build());
        api.step(step(id, randomActions(random, 1)));
        close(id);
    }

    // ---- bad inputs ------------------------------------------------------------------------

    /** Wrong number of actions, out-of-range, negative and NaN actions are INVALID_ARGUMENT. */
    public void badActionsAreInvalidArgument() {
        String id = create(2, 1L, AutoresetMode.AUTORESET_MODE_NEXT_STEP);
        api.reset(ResetRequest.newBuilder().setSessionId(id).build());
        long n = numActions();
        long start = spec.getActionSpace().getDiscrete().getStart();
        expectError(() -> api.step(step(id, new long[] {start})), Status.Code.INVALID_ARGUMENT, "one action per environment");
        expectError(() -> api.step(step(id, new long[] {start, start, start})), Status.Code.INVALID_ARGUMENT,
                "one action per environment");
        expectError(() -> api.step(step(id, new long[] {start, start + n})), Status.Code.INVALID_ARGUMENT, "action space");
        expectError(() -> api.step(step(id, new long[] {-1, start})), Status.Code.INVALID_ARGUMENT, "action space");
        expectError(() -> api.step(StepRequest.newBuilder().setSessionId(id)
                .setActions(Tensors.float32(Float.NaN, 0f)).build()), Status.Code.INVALID_ARGUMENT, "NaN");
        expectError(() -> api.step(StepRequest.newBuilder().setSessionId(id)
                .setActions(Tensor.newBuilder().setDtype(DType.DTYPE_INT64).addShape(2)
                        .setData(ByteString.copyFrom(new byte[5]))).build()), Status.Code.INVALID_ARGUMENT, "bytes");
        // the session is still usable
        api.step(step(id, new long[] {start, start}));
        close(id);
    }

    /** Unknown env id, unknown and closed sessions are NOT_FOUND; step before reset is FAILED_PRECONDITION. */
    public void unknownIdsAndOrderErrors() {
        expectError(() -> api.create(CreateSessionRequest.newBuilder().setEnvId("No-Such-Env-v0").build()),
                Status.Code.NOT_FOUND, "ListEnvironments");
        expectError(() -> api.step(step("no-such-session", new long[] {0})), Status.Code.NOT_FOUND, "CreateSession");
        String id = create(1, 2L, AutoresetMode.AUTORESET_MODE_NEXT_STEP);
        expectError(() -> api.step(step(id, new long[] {0})), Status.Code.FAILED_PRECONDITION, "Reset");
        close(id);
        expectError(() -> api.step(step(id, new long[] {0})), Status.Code.NOT_FOUND, "CreateSession");
        expectError(() -> api.reset(ResetRequest.newBuilder().setSessionId(id).build()), Status.Code.NOT_FOUND, "closed");
        expectError(() -> api.closeSession(CloseSessionRequest.newBuilder().setSessionId(id).build()),
                Status.Code.NOT_FOUND, "CreateSession");
    }

    /** A request above the server's size limit is RESOURCE_EXHAUSTED and names the limit. */
    public void oversizeRequestIsResourceExhausted() {
        String id = create(1, 3L, AutoresetMode.AUTORESET_MODE_NEXT_STEP);
        api.reset(ResetRequest.newBuilder().setSessionId(id).build());
        long[] many = new long[(int) (maxRequestBytes / 8) + 16];
        expectError(() -> api.step(step(id, many)), Status.Code.RESOURCE_EXHAUSTED, String.valueOf(maxRequestBytes));
        api.step(step(id, new long[] {0}));
        close(id);
    }

    /**
     * A session stepped on another connection while this one sends bad requests follows exactly
     * the trajectory it follows alone.
     */
    public void otherSessionIsUnaffected(Supplier<EnvApi> otherConnection) throws Exception {
        List<double[]> alone = trajectory(99L, 9);
        CompletableFuture<List<double[]>> concurrent;
        try (EnvApi other = otherConnection.get()) {
            EnvApiCompliance peer = new EnvApiCompliance(other, spec, maxRequestBytes);
            concurrent = CompletableFuture.supplyAsync(() -> peer.trajectory(99L, 9));
            while (!concurrent.isDone()) {
                badActionsAreInvalidArgument();
                unknownIdsAndOrderErrors();
            }
            List<double[]> together = concurrent.get(60, TimeUnit.SECONDS);
            assertThat(together).hasSameSizeAs(alone);
            for (int i = 0; i < alone.size(); i++) {
                assertThat(together.get(i)).as("record %d", i).containsExactly(alone.get(i));
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private String create(int numEnvs, Long seed, AutoresetMode mode) {
        CreateSessionRequest.Builder b = CreateSessionRequest.newBuilder().setEnvId(spec.getId()).setNumEnvs(numEnvs)
                .setAutoresetMode(mode);
        if (seed != null) {
            b.setSeed(seed);
        }
        CreateSessionResponse r = api.create(b.build());
        assertThat(r.getNumEnvs()).isEqualTo(numEnvs);
        assertThat(r.getSpec().getId()).isEqualTo(spec.getId());
        assertThat(r.getAutoresetMode()).isEqualTo(mode);
        assertThat(r.getSessionId()).isNotEmpty();
        return r.getSessionId();
    }

    private void close(String id) {
        api.closeSession(CloseSessionRequest.newBuilder().setSessionId(id).build());
    }

    private static StepRequest step(String id, long[] actions) {
        return StepRequest.newBuilder().setSessionId(id).setActions(Tensors.int64(actions)).build();
    }

    private long numActions() {
        assertThat(spec.getActionSpace().hasDiscrete()).as("Discrete action space").isTrue();
        return spec.getActionSpace().getDiscrete().getN();
    }

    private long[] randomActions(Random random, int n) {
        long[] a = new long[n];
        long start = spec.getActionSpace().getDiscrete().getStart();
        for (int i = 0; i < n; i++) {
            a[i] = start + random.nextInt((int) numActions());
        }
        return a;
    }

    private int stepsToSeeEnds() {
        return spec.getMaxEpisodeSteps() > 0 ? spec.getMaxEpisodeSteps() + 10 : 5000;
    }

    /** Checks shape, dtype and bounds of an observation tensor; only rows with {@code rows[i]} if given. */
    private void checkObservations(Tensor obs, int n, boolean[] rows) {
        if (spec.getObservationSpace().hasBox()) {
            BoxSpace box = spec.getObservationSpace().getBox();
            assertThat(obs.getDtype()).isEqualTo(DType.DTYPE_FLOAT32);
            List<Long> shape = new ArrayList<>(List.of((long) n));
            shape.addAll(box.getShapeList());
            assertThat(obs.getShapeList()).isEqualTo(shape);
            double[] v = Tensors.values(obs);
            int dim = box.getLowCount();
            assertThat(v).hasSize(n * dim);
            for (int i = 0; i < n; i++) {
                if (rows != null && !rows[i]) {
                    continue;
                }
                for (int j = 0; j < dim; j++) {
                    assertThat(v[i * dim + j]).as("%s of env %d", box.getNamesCount() > j ? box.getNames(j) : "" + j, i)
                            .isBetween(box.getLow(j), box.getHigh(j));
                }
            }
        } else {
            assertThat(spec.getObservationSpace().hasDiscrete()).as("Box or Discrete observation space").isTrue();
            DiscreteSpace d = spec.getObservationSpace().getDiscrete();
            assertThat(obs.getDtype()).isEqualTo(DType.DTYPE_INT64);
            assertThat(obs.getShapeList()).containsExactly((long) n);
            double[] v = Tensors.values(obs);
            for (int i = 0; i < n; i++) {
                if (rows == null || rows[i]) {
                    assertThat(v[i]).as("observation of env %d", i).isBetween((double) d.getStart(),
                            (double) (d.getStart() + d.getN() - 1));
                }
            }
        }
    }

    /** Runs {@code call}, expecting {@code code} and a message mentioning {@code hint}. */
    public static void expectError(Runnable call, Status.Code code, String hint) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(EnvApiException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(hint);
    }
}
