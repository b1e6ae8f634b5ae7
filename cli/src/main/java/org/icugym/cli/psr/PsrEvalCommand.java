package org.icugym.cli.psr;

import com.google.gson.GsonBuilder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.agent.Policies;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.baseline.ClinicianBaseline;
import org.icugym.agent.baseline.GuidelineBaseline;
import org.icugym.agent.psr.PlannerSettings;
import org.icugym.agent.psr.PsrPolicy;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.envserver.EnvServer;
import org.icugym.policyserver.PolicyServer;
import org.icugym.policyserver.pool.PolicyOpener;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.PolicyServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icugym psr-eval}: plays sepsis episodes through an env server with the clinician policy,
 * the PSR planner (prior + Simulate) and the planner's prior alone (the no-simulator ablation), served
 * by a policy server, and reports mean return, mortality and G1/G2 violations with 95 % intervals.
 * Without {@code --env-server}/{@code --policy-server} it starts both on loopback in this process.
 */
@Command(name = "psr-eval", mixinStandardHelpOptions = true,
        description = "Compare the PSR planner with the clinician policy and the no-simulator ablation on a sepsis "
                + "environment, through real env and policy servers.")
public final class PsrEvalCommand implements Callable<Integer> {
    /** The arms this command knows, in report order. */
    static final List<String> ARMS = List.of("clinician", "psr-prior", "psr", "guideline");

    @Option(names = "--env", description = "Environment id (default Sepsis-Physiology-v1).")
    String envId = "Sepsis-Physiology-v1";

    @Option(names = "--env-option", paramLabel = "KEY=VALUE", description = "CreateSession option (repeatable).")
    Map<String, String> envOptions = new LinkedHashMap<>();

    @Option(names = "--episodes", description = "Episodes per arm (default 5000).")
    int episodes = 5000;

    @Option(names = "--num-envs", description = "Environments per session = rows per Act request (default 32).")
    int numEnvs = 32;

    @Option(names = "--seed", description = "Session seed shared by every arm (default 1).")
    long seed = 1;

    @Option(names = "--arms", split = ",", description = "Arms to run, first = reference of the paired "
            + "differences (default clinician,psr-prior,psr; also: guideline).")
    List<String> arms = List.of("clinician", "psr-prior", "psr");

    @Option(names = "--planner", description = "Planner settings key=value;... (default: "
            + "prior=clinician;candidates=6;horizon=3;samples=4; see docs/policy-server.md).")
    String planner = "";

    @Option(names = "--env-server", description = "host:port of a running env server (default: start one here).")
    String envServer;

    @Option(names = "--policy-server", description = "host:port of a running policy server serving clinician, "
            + "guideline and psr models (default: start one here).")
    String policyServer;

    @Option(names = "--out", description = "Directory for psr-eval.json and psr-eval.md.")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (String a : arms) {
            if (!ARMS.contains(a)) {
                throw new IllegalArgumentException("unknown arm '" + a + "': choose from " + ARMS);
            }
        }
        if (episodes < 1 || numEnvs < 1) {
            throw new IllegalArgumentException("--episodes and --num-envs must be >= 1");
        }
        PlannerSettings plannerSettings = PlannerSettings.parse(planner);
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Config base = ConfigFactory.load();
        EnvServer embeddedEnv = null;
        PolicyServer embeddedPolicy = null;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "icugym-psr-eval");
        try {
            if (envServer == null) {
                embeddedEnv = EnvServer.start(loopback(base, "icugym.env-server"), BuiltinEnvironments.registry());
                envServer = "127.0.0.1:" + embeddedEnv.port();
            }
            if (policyServer == null) {
                embeddedPolicy = PolicyServer.start(loopback(base, "icugym.policy-server")
                                .withValue("icugym.policy-server.planner.env-server", ConfigValueFactory.fromAnyRef(envServer)),
                        models(plannerSettings), PolicyOpener.DEFAULT);
                policyServer = "127.0.0.1:" + embeddedPolicy.port();
            }
            EnvServiceClient env = EnvServiceClient.create(settings(envServer, system), system);
            PolicyServiceClient policy = PolicyServiceClient.create(settings(policyServer, system), system);
            PsrEvaluation eval = new PsrEvaluation(env, policy, new PsrEvaluation.Settings(envId, envOptions, numEnvs,
                    episodes, seed, envServer));
            List<PsrEvaluation.Arm> chosen = new ArrayList<>();
            for (String a : arms) {
                chosen.add(arm(a, plannerSettings));
            }
            List<ArmResult> results = eval.run(chosen, System.err::println);
            String md = markdown(results, plannerSettings);
            System.out.print(md);
            if (out != null) {
                Files.createDirectories(out);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("env", envId);
                json.put("envOptions", envOptions);
                json.put("episodesPerArm", episodes);
                json.put("numEnvs", numEnvs);
                json.put("seed", seed);
                json.put("planner", plannerSettings.toText());
                json.put("arms", results);
                Files.writeString(out.resolve("psr-eval.json"),
                        new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
                Files.writeString(out.resolve("psr-eval.md"), md, StandardCharsets.UTF_8);
            }
            env.close();
            policy.close();
            return 0;
        } finally {
            system.terminate();
            if (embeddedPolicy != null) {
                embeddedPolicy.close();
            }
            if (embeddedEnv != null) {
                embeddedEnv.close();
            }
        }
    }

    /** The models an embedded policy server serves: clinician, guideline and the planner. */
    static Map<String, PolicyWeights> models(PlannerSettings planner) {
        int d = PhysiologyObservation.DIM;
        int a = TreatmentAction.COUNT;
        return Map.of(ClinicianBaseline.KIND, Policies.baseline(ClinicianBaseline.KIND, d, a),
                GuidelineBaseline.KIND, Policies.baseline(GuidelineBaseline.KIND, d, a),
                PsrPolicy.KIND, PsrPolicy.weights(planner, d, a));
    }

    static PsrEvaluation.Arm arm(String name, PlannerSettings planner) {
        return switch (name) {
            case "clinician" -> new PsrEvaluation.Arm(name, ClinicianBaseline.KIND, false, false,
                    "clinician policy (the cohort's behaviour policy, averaged over practices), sampled");
            case "guideline" -> new PsrEvaluation.Arm(name, GuidelineBaseline.KIND, true, false, "guideline policy");
            case "psr-prior" -> new PsrEvaluation.Arm(name, PsrPolicy.KIND, true, false,
                    "PSR without simulator: the prior (" + planner.prior() + ") alone, most probable action");
            case "psr" -> new PsrEvaluation.Arm(name, PsrPolicy.KIND, true, true, "PSR planner: " + planner.candidates()
                    + " candidates from the " + planner.prior() + " prior, Simulate H=" + planner.horizon() + " N="
                    + planner.samples() + ", refined by reward, mortality, safety and uncertainty");
            default -> throw new IllegalArgumentException("unknown arm " + name);
        };
    }

    private static Config loopback(Config base, String root) {
        return ConfigFactory.parseString(root + " { host = \"127.0.0.1\", port = 0 }\npekko.loglevel = WARNING")
                .withFallback(base);
    }

    private static GrpcClientSettings settings(String target, ActorSystem<Void> system) {
        int colon = target.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(target + " is not host:port");
        }
        return GrpcClientSettings.connectToServiceAt(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)), system).withTls(false);
    }

    /** The results as a Markdown table. */
    String markdown(List<ArmResult> results, PlannerSettings plannerSettings) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s, %d episodes per arm (%d environments per session, seed %d), planner %s%n%n",
                envId, results.isEmpty() ? 0 : results.get(0).episodes(), numEnvs, seed, plannerSettings.toText()));
        b.append("| arm | mean return ± 95% CI | Δ return vs ").append(results.isEmpty() ? "" : results.get(0).arm())
                .append(" (paired) | 90-day mortality | G1 / decision | G2 / decision | G1+G2 / episode | hazards / decision | decisions | seconds |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ArmResult r : results) {
            b.append(String.format(Locale.ROOT,
                    "| %s | %.3f ± %.3f | %+.3f ± %.3f | %.2f %% ± %.2f | %.4f | %.4f | %.3f ± %.3f | %.4f | %,d | %.0f |%n",
                    r.arm(), r.meanReturn(), r.returnCi95(), r.deltaReturn(), r.deltaReturnCi95(), 100 * r.mortality(),
                    100 * r.mortalityCi95(), r.g1Rate(), r.g2Rate(), r.g1g2PerEpisode(), r.g1g2Ci95(), r.hazardRate(),
                    r.steps(), r.seconds()));
        }
        b.append('\n');
        for (ArmResult r : results) {
            b.append("- ").append(r.arm()).append(": ").append(r.description()).append('\n');
        }
        return b.toString();
    }
}
