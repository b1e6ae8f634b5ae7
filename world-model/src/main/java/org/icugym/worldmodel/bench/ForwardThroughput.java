package org.icugym.worldmodel.bench;

import java.util.Locale;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.data.SimulatedCohortSource;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.inference.EnsembleSampler;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainConfig;
import org.icugym.worldmodel.train.WorldModelTrainer;

/**
 * Measures the raw batched forward rate of a world model with the default architecture: one
 * member's forward pass ({@link WorldModel#forwardRaw}) and a full per-row-member ensemble
 * prediction ({@link WorldModel#predict(int[], float[], int)}) at batch 1, 64 and 1024.
 *
 * <p>Weights come from a one-epoch fit on a small simulated cohort (speed does not depend on
 * the weights). Usage: {@code ForwardThroughput [seconds per case] [device] [mlp|gru]}; PyTorch
 * threads are set with {@code -Dai.djl.pytorch.num_threads}.
 */
public final class ForwardThroughput {
    private ForwardThroughput() {}

    /** Runs the benchmark and prints one line per case. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String device = args.length > 1 ? args[1] : "cpu";
        WorldModelConfig architecture = WorldModelConfig.DEFAULT.withArchitecture(args.length > 2
                ? WorldModelConfig.Architecture.valueOf(args[2].toUpperCase(Locale.ROOT)) : WorldModelConfig.Architecture.MLP);
        TrainingData data = new SimulatedCohortSource(PhysiologySimulator.DEFAULT, 60, 1).load();
        TrainConfig config = TrainConfig.defaults().withModel(architecture).withEpochs(1, 1).withDevice(device);
        try (WorldModel model = WorldModel.open(WorldModelTrainer.fit(data, config), device)) {
            int width = model.encoding().inputSize();
            System.out.printf(Locale.ROOT, "architecture %s, input %d, device %s, torch threads %s%n",
                    architecture, width, device, System.getProperty("ai.djl.pytorch.num_threads", "default"));
            Rng rng = new Rng(5);
            for (int batch : new int[] {1, 64, 1024}) {
                float[] rows = new float[batch * width];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (float) rng.nextGaussian();
                }
                int[] members = new EnsembleSampler(model.members(), rng.split()).nextMembers(batch);
                report("one member", batch, seconds, () -> model.forwardRaw(0, rows, batch));
                report("ensemble, member per row", batch, seconds, () -> model.predict(members, rows, batch));
            }
        }
    }

    private static void report(String what, int batch, double seconds, Runnable call) {
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmEnd) {
            call.run();
        }
        long calls = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            call.run();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        double perCall = (now - start) / 1e3 / calls;
        System.out.printf(Locale.ROOT, "%-26s batch %5d: %9.1f us/call, %12.0f rows/s%n", what, batch, perCall,
                batch * 1e6 / perCall);
    }
}
