package org.icugym.policyserver.plan;

import io.grpc.Status;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.icugym.agent.psr.PlanSimulator;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.Forecast;
import org.icugym.proto.v1.ActionPlan;
import org.icugym.proto.v1.CandidateOutcome;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.Tensor;

/**
 * A {@link PlanSimulator} that calls an env server's {@code Simulate} for one environment of one
 * session, and the one place that maps {@code SimulateResponse} to a {@link Forecast}. Each call
 * blocks its thread up to the timeout: run it on the planner dispatcher. A failed call becomes an
 * {@link EnvException} with the env server's status code and a message naming the session and
 * environment.
 */
public final class GrpcPlanSimulator implements PlanSimulator {
    private final EnvServiceClient client;
    private final String target;
    private final String sessionId;
    private final int envIndex;
    private final Duration timeout;

    /**
     * A simulator of environment {@code envIndex} of session {@code sessionId} on {@code target}.
     *
     * @param client the env server's client
     * @param target the env server, "host:port" (for messages)
     * @param sessionId the session id
     * @param envIndex the environment's index in the session
     * @param timeout longest wait for one Simulate answer
     */
    public GrpcPlanSimulator(EnvServiceClient client, String target, String sessionId, int envIndex, Duration timeout) {
        this.client = client;
        this.target = target;
        this.sessionId = sessionId;
        this.envIndex = envIndex;
        this.timeout = timeout;
    }

    @Override
    public Forecast simulate(int[][] plans, int numSamples) {
        SimulateRequest.Builder b = SimulateRequest.newBuilder().setSessionId(sessionId).setEnvIndex(envIndex)
                .setNumSamples(numSamples);
        for (int[] plan : plans) {
            ActionPlan.Builder p = ActionPlan.newBuilder();
            for (int a : plan) {
                p.addActions(a);
            }
            b.addCandidates(p);
        }
        SimulateResponse r;
        try {
            r = client.simulate(b.build()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(Status.fromThrowable(e.getCause()));
        } catch (TimeoutException e) {
            throw new EnvException(EnvException.Code.UNAVAILABLE, where() + " did not answer within " + timeout
                    + ": retry, or raise icugym.policy-server.planner.simulate-timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvException(EnvException.Code.UNAVAILABLE, where() + " was interrupted: retry");
        }
        return forecast(r, plans[0].length);
    }

    /** The forecast of a Simulate answer for plans of {@code horizon} steps. */
    static Forecast forecast(SimulateResponse r, int horizon) {
        List<CandidateForecast> out = new ArrayList<>(r.getOutcomesCount());
        for (CandidateOutcome o : r.getOutcomesList()) {
            out.add(new CandidateForecast(horizon, floats(o.getFeatureMean()), floats(o.getFeatureStd()),
                    floats(o.getMortalityRiskPerStep()), floats(o.getRewardPerStep()), floats(o.getSafetyFlagRate()),
                    floats(o.getDoneRate()), floats(o.getEpistemicPerStep())));
        }
        return new Forecast(r.getFeatureNamesList(), r.getSafetyFlagNamesList(), r.getNumSamples(), r.getGroundTruth(),
                out);
    }

    private static float[] floats(Tensor t) {
        float[] out = new float[t.getData().size() / 4];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private EnvException failed(Status s) {
        EnvException.Code code = switch (s.getCode()) {
            case INVALID_ARGUMENT -> EnvException.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> EnvException.Code.NOT_FOUND;
            case FAILED_PRECONDITION -> EnvException.Code.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> EnvException.Code.RESOURCE_EXHAUSTED;
            case UNIMPLEMENTED -> EnvException.Code.UNIMPLEMENTED;
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> EnvException.Code.UNAVAILABLE;
            default -> EnvException.Code.INTERNAL;
        };
        return new EnvException(code, where() + " failed: " + s.getCode() + " " + s.getDescription());
    }

    private String where() {
        return "Simulate on env server " + target + " (session " + sessionId + ", environment " + envIndex + ")";
    }
}
