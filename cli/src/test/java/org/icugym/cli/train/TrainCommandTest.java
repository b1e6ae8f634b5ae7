package org.icugym.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icugym.cli.IcugymCommand;
import org.icugym.envserver.testing.TestEnvServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code icugym train} against a real environment server on a free loopback port. */
class TrainCommandTest {
    private static TestEnvServer server;

    @BeforeAll
    static void start() {
        server = TestEnvServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = IcugymCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String server() {
        return "127.0.0.1:" + server.server().port();
    }

    @Test
    void trainsWritesMetricsConfigAndCheckpointsAndEvaluates(@TempDir Path out) throws Exception {
        Run r = train("--env", "CartPole-v1", "--env-server", server(), "--total-steps", "512", "--num-envs", "2",
                "--num-steps", "64", "--seed", "3", "--checkpoint-every", "2", "--eval-episodes", "10", "--quiet",
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertThat(lines.get(0)).contains("\"hyperparameters\"", "\"env_id\":\"CartPole-v1\"", "\"seed\":3");
        assertThat(lines.stream().filter(l -> l.contains("\"losses/value_loss\""))).hasSize(4);
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"checkpoint-every\" : 2", "\"seed\" : 3");
        assertThat(out.resolve("checkpoints/update-00000004/state.json")).exists();
        assertThat(r.out()).contains("trained 512 steps", "time: env", "evaluation (greedy): mean return",
                "over 10 episodes");
        assertThat(Files.readString(out.resolve("evaluation.json"))).contains("\"episodes\":10");
    }

    @Test
    void configFileGivesValuesAndFlagsOverrideThem(@TempDir Path tmp) throws Exception {
        Path conf = tmp.resolve("run.conf");
        Files.writeString(conf, """
                env = CartPole-v1
                total-steps = 256
                num-envs = 2
                num-steps = 32
                seed = 5
                hidden = [16, 16]
                learning-rate = 1e-3
                """);
        Path out = tmp.resolve("run");
        Run r = train("--config", conf.toString(), "--env-server", server(), "--seed", "6", "--quiet",
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String first = Files.readAllLines(out.resolve("metrics.jsonl")).get(0);
        assertThat(first).contains("\"seed\":6", "\"hidden\":\"[16, 16]\"", "\"learning_rate\":0.001",
                "\"num_iterations\":4");
    }

    @Test
    void resumeContinuesAnInterruptedRunAndRefusesAFinishedOne(@TempDir Path out) throws Exception {
        Run first = train("--env", "CartPole-v1", "--env-server", server(), "--total-steps", "512", "--num-envs", "2",
                "--num-steps", "64", "--checkpoint-every", "2", "--quiet", "--out", out.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        Run finished = train("--resume", out.toString(), "--env-server", server(), "--quiet");
        assertThat(finished.exit()).isEqualTo(2);
        assertThat(finished.err()).contains("has finished");

        deleteTree(out.resolve("checkpoints/update-00000004"));
        Run resumed = train("--resume", out.toString(), "--env-server", server());
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("trained 512 steps in 4 updates");
        assertThat(out.resolve("checkpoints/update-00000004/state.json")).exists();
    }

    @Test
    void badInputIsRefusedWithAMessage(@TempDir Path tmp) throws Exception {
        Run badServer = train("--env", "CartPole-v1", "--env-server", "nohost", "--out", tmp.toString());
        assertThat(badServer.exit()).isEqualTo(2);
        assertThat(badServer.err()).contains("env-server must be host:port");

        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "env = CartPole-v1\nlearning_rate = 0.1\n");
        Run badKey = train("--config", conf.toString(), "--out", tmp.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("unknown training keys [learning_rate]", "learning-rate");

        Run noEnv = train("--out", tmp.toString());
        assertThat(noEnv.err()).contains("env is required");

        Run notANumber = train("--env", "CartPole-v1", "--num-envs", "four", "--out", tmp.toString());
        assertThat(notANumber.err()).contains("num-envs must be a whole number");

        Run noRun = train("--resume", tmp.resolve("nothing").toString());
        assertThat(noRun.exit()).isEqualTo(2);
        assertThat(noRun.err()).contains("config.json");
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    @Test
    void clusterOptionsAreCheckedBeforeANodeStarts(@TempDir Path out) {
        Run r = train("--env", "CartPole-v1", "--env-server", server(), "--out", out.toString(), "--role", "boss");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--role must be learner, rollout or all, got boss");

        r = train("--env", "CartPole-v1", "--env-server", server(), "--out", out.toString(), "--role", "rollout",
                "--seed-nodes", "127.0.0.1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a seed node must be host:port");

        r = train("--env", "CartPole-v1", "--env-server", server(), "--out", out.toString(), "--role", "all",
                "--cluster-port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the cluster port must be in 0..65535");
    }
}
