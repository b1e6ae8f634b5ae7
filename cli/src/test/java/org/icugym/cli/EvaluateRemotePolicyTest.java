package org.icugym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.policyserver.PolicyServer;
import org.icugym.policyserver.pool.PolicyOpener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code icugym evaluate} of a policy served by a real policy server on a loopback port. */
class EvaluateRemotePolicyTest {
    @TempDir
    static Path dir;

    static Path cohort;
    static PolicyServer server;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        cohort = dir.resolve("cohort");
        CohortGenerator.DEFAULT.write(cohort, 150, 11, done -> { });
        var config = ConfigFactory.parseString("""
                icugym.policy-server { host = "127.0.0.1", port = 0 }
                pekko.loglevel = WARNING
                """).withFallback(ConfigFactory.load());
        server = PolicyServer.start(config, Map.of(
                "tiny", MlpActorCritic.initialWeights(PhysiologyObservation.DIM, 25, new int[] {8}, 5),
                "cartpole", MlpActorCritic.initialWeights(4, 2, new int[] {8}, 5)), PolicyOpener.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void evaluatesAServedModelOnTheCohortAndInTheSimulator() throws IOException {
        String address = "127.0.0.1:" + server.port() + "/tiny";
        Path report = dir.resolve("remote");
        assertThat(run("--policy", address + ",random", "--cohort", cohort.toString(), "--out", report.toString(),
                "--bootstrap", "20", "--fqe-bootstrap", "10", "--true-episodes", "20", "--quiet"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains(address, "random");
        String json = Files.readString(report.resolve("report.json"));
        assertThat(json).contains("\"policy\": \"" + address + "\"", "\"truth\": {\"mean_return\"");
        // an untrained head with gain 0.01 is almost uniform: its estimates and truth are near random's
        String md = Files.readString(report.resolve("report.md"));
        String heatmap = "heatmap-127.0.0.1-" + server.port() + "-tiny.png";
        assertThat(md).contains("| " + address + " |", heatmap);
        assertThat(report.resolve(heatmap)).isRegularFile();
    }

    @Test
    void aModelOfAnotherEnvironmentIsAClearError() {
        assertThat(run("--policy", "127.0.0.1:" + server.port() + "/cartpole", "--cohort", cohort.toString(),
                "--quiet")).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("takes 4 observation values", "Sepsis-Physiology-v1");
    }

    @Test
    void anUnknownModelOrAMalformedAddressIsAClearError() {
        assertThat(run("--policy", "127.0.0.1:" + server.port() + "/nope", "--cohort", cohort.toString(),
                "--quiet")).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("failed GetPolicyInfo", "NOT_FOUND");
        assertThat(run("--policy", "localhost:http", "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("host:port[/model]");
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
