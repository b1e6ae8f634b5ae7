package org.icugym.agent;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icugym.agent.baseline.ClinicianBaseline;
import org.icugym.agent.baseline.GuidelineBaseline;
import org.icugym.agent.baseline.NoTreatmentPolicy;
import org.icugym.agent.baseline.RandomPolicy;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.agent.mlp.MlpPolicy;
import org.icugym.agent.psr.PsrPolicy;

/**
 * Opens policies from weights files on devices named {@code "cpu"}, {@code "cuda:0"},
 * {@code "cuda:1"}, ... Baselines run in plain Java on any device.
 */
public final class Policies {
    private static final Pattern CUDA = Pattern.compile("cuda:(\\d+)");

    private Policies() {}

    /**
     * Checks that a device exists on this machine.
     *
     * @throws PolicyException {@code DEVICE_UNAVAILABLE} with what to do when it does not
     */
    public static Device device(String name) {
        if ("cpu".equals(name)) {
            return Device.cpu();
        }
        Matcher m = CUDA.matcher(name);
        if (!m.matches()) {
            throw new PolicyException(PolicyException.Code.DEVICE_UNAVAILABLE, "unknown device '" + name
                    + "': use \"cpu\" or \"cuda:N\" (N = GPU index)");
        }
        int index = Integer.parseInt(m.group(1));
        int gpus;
        try {
            gpus = Engine.getInstance().getGpuCount();
        } catch (RuntimeException e) {
            throw new PolicyException(PolicyException.Code.DEVICE_UNAVAILABLE, "device " + name
                    + " needs the PyTorch engine, which did not start (" + e.getMessage() + ")", e);
        }
        if (index >= gpus) {
            throw new PolicyException(PolicyException.Code.DEVICE_UNAVAILABLE, "device " + name
                    + " does not exist: this machine has " + gpus + " GPU(s) visible to PyTorch"
                    + (gpus == 0 ? " (or a CPU-only PyTorch build)" : "") + "; configure devices = [\"cpu\"] or an index below " + gpus);
        }
        return Device.gpu(index);
    }

    /**
     * A policy replica on one device.
     *
     * @param weights the weights file contents
     * @param device a device name, checked with {@link #device}
     * @throws PolicyException for an unknown kind, a missing device or weights that do not fit
     */
    public static Policy open(PolicyWeights weights, String device) {
        Device d = device(device);
        return switch (weights.kind()) {
            case MlpActorCritic.KIND -> MlpPolicy.load(weights, NDManager.newBaseManager(d));
            case RandomPolicy.KIND -> new RandomPolicy(weights.observationSize(), weights.numActions());
            case NoTreatmentPolicy.KIND -> new NoTreatmentPolicy(weights.observationSize(), weights.numActions());
            case ClinicianBaseline.KIND -> new ClinicianBaseline(weights.observationSize(), weights.numActions());
            case GuidelineBaseline.KIND -> new GuidelineBaseline(weights.observationSize(), weights.numActions());
            case PsrPolicy.KIND -> PsrPolicy.open(weights);
            default -> throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "unknown policy kind '"
                    + weights.kind() + "': this build serves " + String.join(", ", MlpActorCritic.KIND, RandomPolicy.KIND,
                    NoTreatmentPolicy.KIND, ClinicianBaseline.KIND, GuidelineBaseline.KIND, PsrPolicy.KIND));
        };
    }

    /**
     * The weights file of a baseline ({@code "random"}, {@code "no-treatment"}, or for
     * {@code Sepsis-Physiology-v1} observations {@code "clinician"} and {@code "guideline"}): no parameters.
     */
    public static PolicyWeights baseline(String kind, int observationSize, int numActions) {
        if (!java.util.List.of(RandomPolicy.KIND, NoTreatmentPolicy.KIND, ClinicianBaseline.KIND, GuidelineBaseline.KIND)
                .contains(kind)) {
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "'" + kind + "' is not a baseline: use "
                    + RandomPolicy.KIND + ", " + NoTreatmentPolicy.KIND + ", " + ClinicianBaseline.KIND + " or "
                    + GuidelineBaseline.KIND);
        }
        return new PolicyWeights(kind, observationSize, numActions, new int[0], new byte[0]);
    }
}
