package org.icugym.trainer.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where one trainer node lives in the cluster and what it does.
 *
 * @param roles            {@code learner} (may host the learner singleton), {@code rollout} (runs rollout workers), or both
 * @param host             the address other nodes reach this node at, for example {@code 127.0.0.1}
 * @param port             the cluster port of this node; 0 for any free port
 * @param seedNodes        {@code host:port} of nodes to join; empty for the first node, which forms the cluster
 * @param workers          rollout workers on this node (ignored without role {@code rollout})
 * @param firstWorkerIndex index of this node's first worker; it offsets the environment seeds, so give every
 *                         rollout node its own range (0, then 0 + workers of the first node, …)
 */
public record NodeSettings(Set<String> roles, String host, int port, List<String> seedNodes, int workers,
        int firstWorkerIndex) {
    /** The role of nodes that may host the learner singleton. */
    public static final String LEARNER = "learner";
    /** The role of nodes that run rollout workers. */
    public static final String ROLLOUT = "rollout";
    /** The actor system name every trainer node shares (members of one cluster must). */
    public static final String SYSTEM_NAME = "icugym-trainer";

    /** Checks every value; the message says which one is wrong and what it may be. */
    public NodeSettings {
        roles = Set.copyOf(roles);
        seedNodes = List.copyOf(seedNodes);
        if (roles.isEmpty() || !Set.of(LEARNER, ROLLOUT).containsAll(roles)) {
            throw new IllegalArgumentException("roles must be learner, rollout or both, got " + roles);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must name this node's address, for example 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the cluster port must be in 0..65535 (0 for any free port), got " + port);
        }
        if (roles.contains(ROLLOUT) && workers < 1) {
            throw new IllegalArgumentException("a rollout node needs at least 1 worker, got " + workers);
        }
        if (firstWorkerIndex < 0) {
            throw new IllegalArgumentException("firstWorkerIndex must be >= 0, got " + firstWorkerIndex);
        }
        seedNodes.forEach(NodeSettings::seedAddress);
    }

    /** Whether this node may host the learner. */
    public boolean learner() {
        return roles.contains(LEARNER);
    }

    /** Whether this node runs rollout workers. */
    public boolean rollout() {
        return roles.contains(ROLLOUT);
    }

    /** This node's part of the Pekko config: address, roles and seed nodes. */
    public Config toConfig() {
        List<String> seeds = new ArrayList<>();
        seedNodes.forEach(s -> seeds.add(seedAddress(s)));
        return ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.copyOf(roles)))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
    }

    /** {@code host:port} as the address of a trainer node, {@code pekko://icugym-trainer@host:port}. */
    static String seedAddress(String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a seed node must be host:port, for example 127.0.0.1:2551, got " + hostPort);
        }
        try {
            int p = Integer.parseInt(hostPort.substring(colon + 1));
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a seed node must end in a port in 1..65535, got " + hostPort, e);
        }
        return "pekko://" + SYSTEM_NAME + "@" + hostPort;
    }
}
