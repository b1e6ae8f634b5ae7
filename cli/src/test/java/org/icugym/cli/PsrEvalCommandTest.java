package org.icugym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.cli.psr.PsrEvalCommand;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.policyserver.PolicyServer;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The PSR pipeline through a real env server and a real policy server on loopback. */
class PsrEvalCommandTest {

    @Test
    void psrEvalPlaysEveryArmAndWritesTheReport(@TempDir Path dir) throws Exception {
        int code = new CommandLine(new PsrEvalCommand()).execute("--episodes", "8", "--num-envs", "4",
                "--arms", "clinician,psr-prior,psr,guideline", "--planner", "candidates=3;horizon=2;samples=2",
                "--out", dir.toString());
        assertThat(code).isZero();
        JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("psr-eval.json"))).getAsJsonObject();
        assertThat(report.get("env").getAsString()).isEqualTo("Sepsis-Physiology-v1");
        assertThat(report.getAsJsonArray("arms")).hasSize(4).allSatisfy(a -> {
            assertThat(a.getAsJsonObject().get("episodes").getAsInt()).isEqualTo(8);
            assertThat(a.getAsJsonObject().get("steps").getAsLong()).isGreaterThanOrEqualTo(8);
        });
        assertThat(Files.readString(dir.resolve("psr-eval.md"))).contains("| psr |").contains("| clinician |");
        assertThat(new CommandLine(new PsrEvalCommand()).execute("--arms", "oracle")).isNotZero();
    }

    @Test
    void actPrintsThePlannersTraceForASessionsPatients(@TempDir Path dir) throws Exception {
        EnvServer env = EnvServer.start(ConfigFactory.parseString("icugym.env-server { host = \"127.0.0.1\", port = 0 }")
                .withFallback(ConfigFactory.load()), BuiltinEnvironments.registry());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "psr-test-client");
        ServePolicyCommand serve = new ServePolicyCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute(
                "--host", "127.0.0.1", "--port", "0", "--baselines", "Sepsis-Physiology-v1",
                "--env-server", "127.0.0.1:" + env.port(), "--planner", "candidates=2;horizon=1;samples=2"));
        try {
            PolicyServer server = serve.awaitServer();
            EnvServiceClient client = EnvServiceClient.create(GrpcClientSettings.connectToServiceAt("127.0.0.1",
                    env.port(), system).withTls(false), system);
            String sid = client.createSession(CreateSessionRequest.newBuilder().setEnvId("Sepsis-Physiology-v1")
                    .setNumEnvs(2).setSeed(3).build()).toCompletableFuture().get(30, TimeUnit.SECONDS).getSessionId();
            Tensor obs = client.reset(ResetRequest.newBuilder().setSessionId(sid).setSeed(3).build())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS).getObservations();
            float[] values = new float[obs.getData().size() / 4];
            obs.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            StringBuilder csv = new StringBuilder();
            int d = values.length / 2;
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < d; k++) {
                    csv.append(k == 0 ? "" : ",").append(values[r * d + k]);
                }
                csv.append('\n');
            }
            Path file = dir.resolve("obs.csv");
            Files.writeString(file, csv);
            PrintStream out = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = new CommandLine(new ActCommand()).execute(file.toString(), "--target",
                        "127.0.0.1:" + server.port(), "--model", "psr", "--session", sid, "--env-index", "1,0",
                        "--reasoning");
            } finally {
                System.setOut(out);
            }
            assertThat(code).isZero();
            String printed = captured.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("model psr v1").contains("reasoning 1\t{\"prior\":\"clinician\"")
                    .contains("\"groundTruth\":true").contains("\"chosen\":");
            client.close();
            server.close();
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            system.terminate();
            env.close();
        }
    }
}
