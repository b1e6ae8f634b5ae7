package org.icugym.core.space;

/**
 * A Gymnasium-style space: the set of valid observations or actions of one environment.
 *
 * <p>Observations of every space are carried as {@code float} rows of {@link #flatDim()} values
 * (a {@link DiscreteSpace} observation is one value holding the integer index).
 */
public sealed interface Space permits BoxSpace, DiscreteSpace, MultiDiscreteSpace {

    /** Number of scalar values in one flattened element of this space. */
    int flatDim();
}
