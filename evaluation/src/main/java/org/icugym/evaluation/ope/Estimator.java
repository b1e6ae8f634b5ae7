package org.icugym.evaluation.ope;

/**
 * The off-policy estimators. With {@code w_t} the product of the ratios pi(a_k|s_k) / b(a_k|s_k)
 * for k = 0..t, {@code W} the weight of a whole trajectory and {@code G} its discounted return:
 */
public enum Estimator {
    /** Trajectory-wise importance sampling: mean of {@code W G}. Unbiased, high variance. */
    IS,
    /** Weighted (self-normalised) IS: {@code sum W G / sum W}. Biased for finite n, consistent. */
    WIS,
    /** Per-decision IS: mean of {@code sum_t gamma^t w_t r_t}. */
    PDIS,
    /** Weighted per-decision IS: {@code sum_t gamma^t sum_i w_it r_it / sum_i w_it}. */
    WPDIS,
    /** Doubly robust (Jiang and Li 2016): PDIS with the Q-model as control variate. */
    DR,
    /** Weighted doubly robust (Thomas and Brunskill 2016): DR with self-normalised per-step weights. */
    WDR,
    /** Fitted Q evaluation: the mean fitted V of the initial states. */
    FQE
}
