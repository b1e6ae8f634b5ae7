package org.icugym.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.icugym.agent.Policies;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.baseline.ClinicianBaseline;
import org.icugym.agent.baseline.GuidelineBaseline;
import org.icugym.agent.psr.PlannerSettings;
import org.icugym.agent.psr.PsrPolicy;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.policyserver.PolicyServer;
import org.icugym.policyserver.PolicyServerSettings;
import org.icugym.policyserver.pool.PolicyOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icugym serve-policy}: starts the policy server (port 50052 by default) with the given
 * weights files and runs until Ctrl-C or SIGTERM, which shut it down gracefully.
 */
@Command(name = "serve-policy", mixinStandardHelpOptions = true,
        description = "Start the gRPC policy server (icugym.v1.PolicyService, health, reflection).")
public final class ServePolicyCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Interface to bind (default: icugym.policy-server.host, 0.0.0.0).")
    String host;

    @Option(names = "--port", description = "gRPC port; 0 picks a free one (default: icugym.policy-server.port, 50052).")
    Integer port;

    @Option(names = "--port-file", description = "Write the bound port to this file once serving.")
    Path portFile;

    @Option(names = "--model", paramLabel = "ID=PATH",
            description = "Serve a policy weights file under a model id (repeatable).")
    Map<String, Path> models = new LinkedHashMap<>();

    @Option(names = "--default-model", description = "The model of requests without a model id.")
    String defaultModel;

    @Option(names = "--baselines", description = "Also serve 'random' and 'no-treatment' for this environment's "
            + "observation and action sizes, e.g. ICU-Sepsis-v2; for Sepsis-Physiology-v1 and Sepsis-WorldModel-v1 "
            + "also 'clinician', 'guideline' and the planner 'psr'.")
    String baselinesFor;

    @Option(names = "--planner", description = "Settings of the 'psr' baseline planner, key=value;... "
            + "(default prior=clinician;candidates=6;horizon=3;samples=4).")
    String planner;

    @Option(names = "--env-server", description = "host:port of the env server planners simulate with when a "
            + "request names none.")
    String envServer;

    @Option(names = "--devices", split = ",", description = "Devices of the model replicas, e.g. cpu or cuda:0,cuda:1.")
    List<String> devices;

    @Option(names = "--max-batch-size", description = "Rows per batch (1 = batching off; default 64).")
    Integer maxBatchSize;

    @Option(names = "--max-delay-ms", description = "Longest wait of a request for its batch, ms (default 2).")
    Double maxDelayMs;

    @Option(names = "--config", description = "HOCON file applied over the defaults (keys under icugym.policy-server).")
    Path configFile;

    private volatile PolicyServer server;
    private final CountDownLatch started = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        // PyTorch's natives ship inside the jar: never look for them online.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.default_engine", System.getProperty("ai.djl.default_engine", "PyTorch"));
        server = PolicyServer.start(config(), baselines(), PolicyOpener.DEFAULT);
        if (portFile != null) {
            ServeSupport.writePortFile(portFile, server.port());
        }
        started.countDown();
        server.whenTerminated().toCompletableFuture().join();
        return 0;
    }

    private Map<String, PolicyWeights> baselines() {
        if (baselinesFor == null) {
            return Map.of();
        }
        EnvSpec spec = BuiltinEnvironments.registry().factory(baselinesFor).spec();
        int obs = spec.observationSpace().flatDim();
        if (!(spec.actionSpace() instanceof DiscreteSpace discrete)) {
            throw new IllegalArgumentException("--baselines " + baselinesFor + ": its action space "
                    + spec.actionSpace() + " is not Discrete; baselines serve Discrete action spaces");
        }
        int actions = discrete.n();
        Map<String, PolicyWeights> out = new LinkedHashMap<>();
        out.put("random", Policies.baseline("random", obs, actions));
        out.put("no-treatment", Policies.baseline("no-treatment", obs, actions));
        if (obs == PhysiologyObservation.DIM && actions == TreatmentAction.COUNT) {
            out.put(ClinicianBaseline.KIND, Policies.baseline(ClinicianBaseline.KIND, obs, actions));
            out.put(GuidelineBaseline.KIND, Policies.baseline(GuidelineBaseline.KIND, obs, actions));
            out.put(PsrPolicy.KIND, PsrPolicy.weights(planner == null ? PlannerSettings.DEFAULT
                    : PlannerSettings.parse(planner), obs, actions));
        }
        return out;
    }

    /** The configuration: command-line options over {@code --config} over application.conf and the defaults. */
    Config config() {
        Config base = ServeSupport.baseConfig(configFile);
        String root = PolicyServerSettings.ROOT + ".";
        if (host != null) {
            base = base.withValue(root + "host", ConfigValueFactory.fromAnyRef(host));
        }
        if (port != null) {
            base = base.withValue(root + "port", ConfigValueFactory.fromAnyRef(port));
        }
        if (devices != null) {
            base = base.withValue(root + "devices", ConfigValueFactory.fromIterable(devices));
        }
        if (maxBatchSize != null) {
            base = base.withValue(root + "max-batch-size", ConfigValueFactory.fromAnyRef(maxBatchSize));
        }
        if (maxDelayMs != null) {
            base = base.withValue(root + "max-delay", ConfigValueFactory.fromAnyRef(Math.round(maxDelayMs * 1000) + " us"));
        }
        if (envServer != null) {
            base = base.withValue(root + "planner.env-server", ConfigValueFactory.fromAnyRef(envServer));
        }
        if (defaultModel != null) {
            base = base.withValue(root + "default-model", ConfigValueFactory.fromAnyRef(defaultModel));
        }
        for (var e : models.entrySet()) {
            base = base.withValue(root + "models.\"" + e.getKey() + "\"",
                    ConfigValueFactory.fromAnyRef(e.getValue().toString()));
        }
        return base;
    }

    /** The running server, once started (waits for it). */
    PolicyServer awaitServer() throws InterruptedException {
        started.await();
        return server;
    }
}
