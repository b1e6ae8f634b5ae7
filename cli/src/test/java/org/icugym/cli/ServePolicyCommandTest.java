package org.icugym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.policyserver.PolicyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServePolicyCommandTest {

    @Test
    void servesAWeightsFileAndActAnswersFromAFile(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("ppo.policy");
        MlpActorCritic.initialWeights(3, 4, new int[] {8}, 5).write(weights);
        Path portFile = dir.resolve("port");
        ServePolicyCommand serve = new ServePolicyCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute(
                "--host", "127.0.0.1", "--port", "0", "--port-file", portFile.toString(),
                "--model", "ppo=" + weights, "--max-batch-size", "8", "--max-delay-ms", "0.5"));
        PolicyServer server = serve.awaitServer();
        assertThat(Files.readString(portFile).trim()).isEqualTo(Integer.toString(server.port()));
        assertThat(server.settings().maxBatchSize()).isEqualTo(8);

        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "# three rows\n0.1, 0.2, 0.3\n1 2 3\n-1,0,1\n");
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new ActCommand()).execute(obs.toString(), "--target", "127.0.0.1:" + server.port());
        } finally {
            System.setOut(out);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("model ppo v1").contains("row\taction")
                .containsPattern("\\n2\\t[0-3]\\t");
        server.close();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
}
