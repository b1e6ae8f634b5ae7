package org.icugym.policyserver.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.icugym.agent.PolicyOutput;
import org.icugym.agent.psr.PsrPlanner;
import org.icugym.agent.psr.PsrPolicy;
import org.icugym.core.env.EnvException;
import org.icugym.policyserver.pool.Batcher;
import org.icugym.proto.v1.EnvServiceClient;

/**
 * The refine stage of planner models ({@value PsrPolicy#KIND}): takes the batched prior answer of an
 * Act request and, when the request names an env-server session, plans each row with the model's
 * {@link PsrPlanner} against that session's environment through {@link GrpcPlanSimulator}. Rows run
 * in parallel on the planner dispatcher (their Simulate calls block), never on the batcher's workers,
 * so planning does not delay other models' batches. Other models pass through unchanged.
 *
 * <p>A planned row answers the prescribed action with probability 1 (log-probability 0) and the
 * chosen candidate's score as its value. Without a session a planner's rows are its prior's
 * answer (the no-simulator ablation). A failed Simulate fails the whole request with the env
 * server's status code.
 */
public final class Planning {
    private final EnvServerClients clients;
    private final PlanningSettings settings;
    private final Executor executor;

    /**
     * The stage.
     *
     * @param clients env-server clients
     * @param settings the default env server and the Simulate timeout
     * @param executor the planner dispatcher
     */
    public Planning(EnvServerClients clients, PlanningSettings settings, Executor executor) {
        this.clients = clients;
        this.settings = settings;
        this.executor = executor;
    }

    /**
     * Where the observations of a request come from.
     *
     * @param sessionId env-server session id; empty = no simulator
     * @param envServer the env server, "host:port"; empty = the configured one
     * @param envIndices per row, the session's environment index; empty = row i is environment i
     * @param wantReasoning whether to return one JSON trace per row
     */
    public record Target(String sessionId, String envServer, int[] envIndices, boolean wantReasoning) {}

    /** The answer of a request: the outputs (planned where a planner simulated) and the traces (or none). */
    public record Planned(Batcher.Acted acted, List<String> reasoning) {}

    /** Refines the prior answer {@code acted} of a request from {@code target}. */
    public CompletionStage<Planned> refine(Batcher.Acted acted, Target target) {
        if (!PsrPolicy.KIND.equals(acted.weights().kind())) {
            return CompletableFuture.completedFuture(new Planned(acted, List.of()));
        }
        PolicyOutput prior = acted.output();
        int rows = prior.rows();
        if (target.sessionId().isEmpty()) {
            List<String> notes = new ArrayList<>();
            if (target.wantReasoning()) {
                for (int r = 0; r < rows; r++) {
                    notes.add("{\"note\":\"no session_id: no simulator, the prior alone chose action "
                            + prior.actions()[r] + "\"}");
                }
            }
            return CompletableFuture.completedFuture(new Planned(acted, notes));
        }
        int[] envs = envIndices(target.envIndices(), rows);
        String server = target.envServer().isEmpty() ? settings.envServer() : target.envServer();
        if (server.isEmpty()) {
            throw EnvException.invalidArgument("session_id is set but no env server is known: set env_server "
                    + "(host:port) in the request, or configure " + PlanningSettings.ROOT + ".env-server");
        }
        EnvServiceClient client = clients.client(server);
        PsrPlanner planner = new PsrPlanner(PsrPolicy.settings(acted.weights()));
        int a = prior.numActions();
        List<CompletableFuture<PsrPlanner.Decision>> decisions = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double[] probs = new double[a];
            for (int k = 0; k < a; k++) {
                probs[k] = prior.probs()[r * a + k];
            }
            GrpcPlanSimulator sim = new GrpcPlanSimulator(client, server, target.sessionId(), envs[r],
                    settings.simulateTimeout());
            decisions.add(CompletableFuture.supplyAsync(() -> planner.plan(probs, sim), executor));
        }
        return CompletableFuture.allOf(decisions.toArray(CompletableFuture[]::new))
                .thenApply(done -> planned(acted, decisions.stream().map(CompletableFuture::join).toList(),
                        target.wantReasoning()));
    }

    private static int[] envIndices(int[] given, int rows) {
        if (given.length == 0) {
            int[] all = new int[rows];
            Arrays.setAll(all, i -> i);
            return all;
        }
        if (given.length != rows) {
            throw EnvException.invalidArgument("env_indices has " + given.length + " entries for " + rows
                    + " observation rows: send one environment index per row, or none (row i = environment i)");
        }
        return given.clone();
    }

    private static Planned planned(Batcher.Acted acted, List<PsrPlanner.Decision> decisions, boolean wantReasoning) {
        int rows = decisions.size();
        int a = acted.output().numActions();
        long[] actions = new long[rows];
        float[] values = new float[rows];
        float[] probs = new float[rows * a];
        List<String> reasoning = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            PsrPlanner.Decision d = decisions.get(r);
            actions[r] = d.action();
            values[r] = (float) d.score();
            probs[r * a + d.action()] = 1f;
            if (wantReasoning) {
                reasoning.add(d.trace().toJson());
            }
        }
        PolicyOutput out = new PolicyOutput(actions, new float[rows], values, probs, a);
        return new Planned(new Batcher.Acted(acted.modelId(), acted.version(), acted.weights(), out), reasoning);
    }
}
