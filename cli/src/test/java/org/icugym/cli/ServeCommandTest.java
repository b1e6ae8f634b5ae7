package org.icugym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.envserver.EnvServer;
import org.icugym.envserver.testing.TinyWorldModel;
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ListEnvironmentsRequest;
import org.icugym.proto.v1.ServerInfo;
import org.icugym.worldmodel.cache.DefaultWorldModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void servesOnAFreePortWritesThePortFileAndStopsGracefully(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("port");
        ServeCommand serve = new ServeCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute(
                "--host", "127.0.0.1", "--port", "0", "--port-file", portFile.toString(), "--metrics-port", "-1"));
        EnvServer server = serve.awaitServer();
        assertThat(Files.readString(portFile).trim()).isEqualTo(Integer.toString(server.port()));

        ActorSystem<Void> clientSystem = ActorSystem.create(Behaviors.empty(), "serve-test-client");
        try {
            EnvServiceClient client = EnvServiceClient.create(
                    GrpcClientSettings.connectToServiceAt("127.0.0.1", server.port(), clientSystem).withTls(false),
                    clientSystem);
            ServerInfo info = UnaryEnvApi.await(client.getServerInfo(GetServerInfoRequest.getDefaultInstance()));
            assertThat(info.getProtocolVersion()).isEqualTo(1);
            assertThat(info.getProtocolPackage()).isEqualTo("icugym.v1");
            assertThat(UnaryEnvApi.await(client.listEnvironments(ListEnvironmentsRequest.getDefaultInstance()))
                    .getEnvironmentsList()).extracting(e -> e.getId()).contains("CartPole-v1", "ICU-Sepsis-v2");
            client.close();
        } finally {
            clientSystem.terminate();
        }
        server.close();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void defaultsToPort50051AndOptionsOverrideConfigFile(@TempDir Path dir) throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.config().getInt("icugym.env-server.port")).isEqualTo(50051);

        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "icugym.env-server { port = 6000, max-sessions = 7 }\n");
        ServeCommand configured = new ServeCommand();
        new CommandLine(configured).parseArgs("--config", conf.toString(), "--port", "6001");
        assertThat(configured.config().getInt("icugym.env-server.port")).isEqualTo(6001);
        assertThat(configured.config().getInt("icugym.env-server.max-sessions")).isEqualTo(7);
    }

    @Test
    void withoutAConfiguredWorldModelServesTheCachedDefaultOrSaysHowToBuildIt(@TempDir Path dir) throws Exception {
        DefaultWorldModel absent = new DefaultWorldModel(dir.resolve("empty-cache"), DefaultWorldModel.STAYS,
                DefaultWorldModel.COHORT_SEED, DefaultWorldModel.TRAIN_CONFIG);
        StringWriter err = new StringWriter();
        ServeCommand plain = new ServeCommand();
        plain.defaultWorldModel = absent;
        CommandLine cl = new CommandLine(plain);
        cl.setErr(new PrintWriter(err, true));
        cl.parseArgs();
        assertThat(plain.config().getString("icugym.env-server.world-model.artifact")).isEmpty();
        assertThat(err.toString()).contains("Sepsis-WorldModel-v1 is not offered", "icugym world-model build-default");

        DefaultWorldModel cached = new DefaultWorldModel(dir.resolve("cache"), DefaultWorldModel.STAYS,
                DefaultWorldModel.COHORT_SEED, DefaultWorldModel.TRAIN_CONFIG);
        copyTree(TinyWorldModel.directory(), cached.directory());
        ServeCommand serve = new ServeCommand();
        serve.defaultWorldModel = cached;
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute(
                "--host", "127.0.0.1", "--port", "0", "--metrics-port", "-1"));
        EnvServer server = serve.awaitServer();
        assertThat(server).isNotNull();
        assertThat(serve.config().getString("icugym.env-server.world-model.artifact"))
                .isEqualTo(cached.artifactFile().toString());
        ActorSystem<Void> clientSystem = ActorSystem.create(Behaviors.empty(), "serve-default-model-client");
        try {
            EnvServiceClient client = EnvServiceClient.create(
                    GrpcClientSettings.connectToServiceAt("127.0.0.1", server.port(), clientSystem).withTls(false),
                    clientSystem);
            assertThat(UnaryEnvApi.await(client.listEnvironments(ListEnvironmentsRequest.getDefaultInstance()))
                    .getEnvironmentsList()).extracting(e -> e.getId()).contains("Sepsis-WorldModel-v1");
            client.close();
        } finally {
            clientSystem.terminate();
        }
        server.close();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();

        Path configured = dir.resolve("configured.conf");
        Files.writeString(configured, TinyWorldModel.serverConfig());
        ServeCommand explicit = new ServeCommand();
        explicit.defaultWorldModel = cached;
        new CommandLine(explicit).parseArgs("--config", configured.toString());
        assertThat(explicit.config().getString("icugym.env-server.world-model.artifact"))
                .isEqualTo(TinyWorldModel.directory().resolve("world-model.zip").toString());
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void printsVersionAndListsServe() {
        StringWriter out = new StringWriter();
        CommandLine cmd = IcugymCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("icugym ");
        StringWriter help = new StringWriter();
        cmd.setOut(new PrintWriter(help));
        assertThat(cmd.execute("--help")).isZero();
        assertThat(help.toString()).contains("serve");
    }

    @Test
    void aTakenPortIsReportedWithoutAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            CommandLine cmd = new CommandLine(new ServeCommand());
            cmd.setErr(new PrintWriter(err, true));
            int exit = cmd.execute("--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()),
                    "--metrics-port", "-1");
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("icugym serve: ").contains(Integer.toString(taken.getLocalPort()))
                    .doesNotContain("\tat ");
        }
    }
}
