package org.icugym.worldmodel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import org.icugym.core.random.Rng;

/**
 * Xavier-uniform weight initialisation drawn from the project's seeded {@link Rng}, so a model's
 * starting weights depend only on the seed, not on the engine's random generator.
 *
 * <p>Parameters are initialised in block order, each from the next values of one stream.
 */
public final class SeededInitializer implements Initializer {
    private final Rng rng;
    private final double gain;

    /** An initialiser drawing from a stream seeded with {@code seed}. */
    public SeededInitializer(long seed) {
        this(seed, 1.0);
    }

    /**
     * An initialiser whose Xavier bounds are scaled by {@code gain}.
     *
     * @param seed seed of the stream
     * @param gain scale of the bounds, e.g. 0.01 for an output layer that should start near zero
     */
    public SeededInitializer(long seed, double gain) {
        this.rng = new Rng(seed);
        this.gain = gain;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanOut = shape.get(0);
        long fanIn = shape.dimension() > 1 ? shape.size() / fanOut : fanOut;
        double limit = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.uniform(-limit, limit);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
