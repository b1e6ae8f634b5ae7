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
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ListEnvironmentsRequest;
import org.icugym.proto.v1.ServerInfo;
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
}
