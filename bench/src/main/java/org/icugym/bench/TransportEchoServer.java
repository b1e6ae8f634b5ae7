package org.icugym.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.proto.bench.v1.TransportEcho;
import org.icugym.proto.bench.v1.TransportEchoHandlerFactory;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;

/**
 * The transport baseline: a Pekko gRPC server that answers step requests with canned responses of
 * the environment server's message sizes, with no actors, environments or mapping behind it.
 * Started as its own JVM by {@link EnvBenchmark}; prints nothing but errors.
 */
public final class TransportEchoServer implements TransportEcho {

    @Override
    public CompletionStage<StepResponse> step(StepRequest in) {
        return CompletableFuture.completedFuture(CannedStep.forEnvs(actionCount(in)));
    }

    @Override
    public Source<SessionResponse, NotUsed> session(Source<SessionRequest, NotUsed> in) {
        return in.map(TransportEchoServer::answer);
    }

    private static SessionResponse answer(SessionRequest r) {
        SessionResponse.Builder b = SessionResponse.newBuilder().setRequestId(r.getRequestId());
        if (r.hasStep()) {
            b.setStep(CannedStep.forEnvs(actionCount(r.getStep())));
        } else {
            b.setError(com.google.rpc.Status.newBuilder().setCode(12).setMessage("echo answers steps only"));
        }
        return b.build();
    }

    private static int actionCount(StepRequest in) {
        if (in.getDiscreteActionsCount() > 0) {
            return in.getDiscreteActionsCount();
        }
        return in.getActions().getShapeCount() == 0 ? 1 : (int) in.getActions().getShape(0);
    }

    /** Binds the echo service on {@code host:port} (0 = any free port). */
    public static CompletionStage<ServerBinding> start(ActorSystem<?> system, String host, int port) {
        Function<HttpRequest, CompletionStage<HttpResponse>> handler =
                TransportEchoHandlerFactory.create(new TransportEchoServer(), system);
        // Same rule as the environment server: never answer with gzip (float payloads do not compress).
        Function<HttpRequest, CompletionStage<HttpResponse>> uncompressed =
                req -> handler.apply(req.removeHeader("grpc-accept-encoding"));
        return Http.get(system).newServerAt(host, port).bind(uncompressed);
    }

    /** {@code TransportEchoServer [--host H] [--port P] [--port-file F]}: runs until killed. */
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        Path portFile = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--port-file" -> portFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: TransportEchoServer [--host H] [--port P] [--port-file F]");
            }
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "transport-echo");
        ServerBinding binding = start(system, host, port).toCompletableFuture().get();
        int bound = binding.localAddress().getPort();
        if (portFile != null) {
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(bound), StandardCharsets.UTF_8);
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
