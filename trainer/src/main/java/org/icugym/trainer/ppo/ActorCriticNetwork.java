package org.icugym.trainer.ppo;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.icugym.core.random.Rng;

/**
 * CleanRL's actor-critic for Discrete actions: two separate tanh MLPs (actor and critic) with
 * orthogonal initialisation (gain √2 on hidden layers, 0.01 on the policy head, 1 on the value
 * head, zero biases). Owns its parameters in its own {@link NDManager}; close it when done.
 */
public final class ActorCriticNetwork implements AutoCloseable {
    private final NDManager manager;
    private final SequentialBlock actor;
    private final SequentialBlock critic;
    private ParameterStore store;
    private final int obsDim;
    private final int numActions;

    /**
     * Builds and initialises a network.
     *
     * @param obsDim     input width (observation features, or categories of a one-hot observation)
     * @param numActions number of discrete actions
     * @param hidden     width of each hidden layer (CleanRL: 64, 64)
     * @param seed       seed of the orthogonal initialisation
     * @param device     DJL device, for example {@code Device.cpu()}
     */
    public ActorCriticNetwork(int obsDim, int numActions, int[] hidden, long seed, Device device) {
        if (obsDim < 1 || numActions < 2 || hidden.length == 0) {
            throw new IllegalArgumentException("need obsDim >= 1, numActions >= 2 and at least one hidden layer, got "
                    + obsDim + ", " + numActions + ", " + hidden.length);
        }
        this.obsDim = obsDim;
        this.numActions = numActions;
        this.manager = NDManager.newBaseManager(device);
        this.actor = mlp(hidden, numActions);
        this.critic = mlp(hidden, 1);
        Shape in = new Shape(1, obsDim);
        actor.initialize(manager, DataType.FLOAT32, in);
        critic.initialize(manager, DataType.FLOAT32, in);
        Rng rng = new Rng(seed);
        orthogonalInit(actor, 0.01, rng);
        orthogonalInit(critic, 1.0, rng);
        for (Parameter p : parameters()) {
            p.getArray().setRequiresGradient(true);
        }
        this.store = new ParameterStore(manager, false);
    }

    private static SequentialBlock mlp(int[] hidden, int out) {
        SequentialBlock b = new SequentialBlock();
        for (int h : hidden) {
            b.add(Linear.builder().setUnits(h).build()).add(Activation::tanh);
        }
        return b.add(Linear.builder().setUnits(out).build());
    }

    private static void orthogonalInit(SequentialBlock block, double lastGain, Rng rng) {
        List<Parameter> weights = new ArrayList<>();
        for (var p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                weights.add(p.getValue());
            } else {
                p.getValue().getArray().set(new float[(int) p.getValue().getArray().size()]);
            }
        }
        for (int k = 0; k < weights.size(); k++) {
            NDArray w = weights.get(k).getArray();
            double gain = k == weights.size() - 1 ? lastGain : Math.sqrt(2);
            w.set(Orthogonal.matrix((int) w.getShape().get(0), (int) w.getShape().get(1), gain, rng));
        }
    }

    /** All trainable parameters, actor first. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        actor.getParameters().forEach(p -> out.add(p.getValue()));
        critic.getParameters().forEach(p -> out.add(p.getValue()));
        return out;
    }

    /** Action logits {@code [B, numActions]} of observations {@code [B, obsDim]}. */
    public NDArray logits(NDArray obs, boolean training) {
        return actor.forward(store, new NDList(obs), training).head();
    }

    /** State values {@code [B]} of observations {@code [B, obsDim]}. */
    public NDArray value(NDArray obs, boolean training) {
        return critic.forward(store, new NDList(obs), training).head().reshape(-1);
    }

    /** The manager that owns the parameters (arrays made here live as long as the network). */
    public NDManager manager() {
        return manager;
    }

    /** Input width. */
    public int obsDim() {
        return obsDim;
    }

    /** Number of discrete actions. */
    public int numActions() {
        return numActions;
    }

    /** The parameters as bytes (DJL's parameter format, actor then critic). */
    public byte[] weights() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            actor.saveParameters(out);
            critic.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces the parameters with {@code weights} from {@link #weights()} of a network of the same shape.
     *
     * @throws IllegalArgumentException if the bytes do not fit this network
     */
    public void load(byte[] weights) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            actor.loadParameters(manager, in);
            critic.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the weights do not fit an actor-critic of input " + obsDim
                    + " and " + numActions + " actions: " + e.getMessage(), e);
        }
        for (Parameter p : parameters()) {
            p.getArray().setRequiresGradient(true);
        }
        // loading replaces the parameter arrays; a store caches the arrays it has handed out
        store = new ParameterStore(manager, false);
    }

    @Override
    public void close() {
        manager.close();
    }
}
