package org.icugym.policyserver.plan;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.core.env.EnvException;
import org.icugym.proto.v1.EnvServiceClient;

/**
 * The gRPC clients of the env servers planners simulate with: one per {@code host:port}, created on
 * first use (plaintext, no compression) and closed with {@link #close()}.
 */
public final class EnvServerClients implements AutoCloseable {
    private final ClassicActorSystemProvider system;
    private final Map<String, EnvServiceClient> clients = new ConcurrentHashMap<>();

    /** Clients living in {@code system}. */
    public EnvServerClients(ClassicActorSystemProvider system) {
        this.system = system;
    }

    /**
     * The client of {@code target}.
     *
     * @throws EnvException INVALID_ARGUMENT when {@code target} is not {@code host:port}
     */
    public EnvServiceClient client(String target) {
        return clients.computeIfAbsent(target, t -> {
            int colon = t.lastIndexOf(':');
            int port;
            try {
                port = colon < 1 ? -1 : Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw EnvException.invalidArgument("env_server '" + t + "' is not host:port, e.g. 127.0.0.1:50051");
            }
            return EnvServiceClient.create(GrpcClientSettings.connectToServiceAt(t.substring(0, colon), port, system)
                    .withTls(false), system);
        });
    }

    /** Closes every client. */
    @Override
    public void close() {
        clients.values().forEach(EnvServiceClient::close);
        clients.clear();
    }
}
