package org.icugym.cli.train;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.icugym.trainer.checkpoint.CheckpointException;
import org.icugym.trainer.cluster.NodeSettings;
import org.icugym.trainer.cluster.TrainerNode;
import org.icugym.trainer.run.PpoTraining;
import org.icugym.trainer.run.TrainConfig;
import org.icugym.trainer.run.TrainResult;

/**
 * {@code icugym train --role …}: this process is one node of a training cluster. A node with the
 * learner prints the run's summary when the run ends here; a rollout node returns when its workers
 * have stopped at the end of the run.
 */
final class ClusterNodeRun {
    private static final int BAD_INPUT = 2;
    private static final int FAILED = 1;

    private ClusterNodeRun() {
    }

    static int run(TrainConfig train, String role, List<String> seedNodes, String host, int port, int firstWorker,
            boolean resume, PrintWriter out, PrintWriter err) {
        TrainerNode node;
        NodeSettings settings;
        try {
            settings = new NodeSettings(roles(role), host, port, seedNodes, train.workers(), firstWorker);
            if (settings.learner() && train.ppo().outDir() != null && settings.seedNodes().isEmpty()) {
                PpoTraining.writeConfig(train);
            }
            node = TrainerNode.start(train.ppo(), settings, ConfigFactory.load(), resume);
        } catch (IllegalArgumentException | CheckpointException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        out.printf(Locale.ROOT, "cluster node %s with roles %s%n", node.address(), settings.roles());
        out.flush();
        try {
            if (!settings.learner()) {
                node.whenTerminated().toCompletableFuture().join();
                out.println("the run has ended; this rollout node stopped");
                return 0;
            }
            TrainResult r = node.result().toCompletableFuture().join();
            out.printf(Locale.ROOT, "trained %d steps in %d updates (%.0f steps/s); mean return of the last 20 episodes %.3f;"
                    + " %d batches rejected as stale%n", r.globalSteps(), r.updates(), r.sps(), r.meanReturnLast(20), r.rejected());
            return 0;
        } catch (CompletionException e) {
            err.println("error: " + e.getCause().getMessage());
            return FAILED;
        } finally {
            node.close();
        }
    }

    private static Set<String> roles(String role) {
        return switch (role) {
            case "learner" -> Set.of(NodeSettings.LEARNER);
            case "rollout" -> Set.of(NodeSettings.ROLLOUT);
            case "all" -> Set.of(NodeSettings.LEARNER, NodeSettings.ROLLOUT);
            default -> throw new IllegalArgumentException("--role must be learner, rollout or all, got " + role);
        };
    }
}
