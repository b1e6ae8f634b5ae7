package org.icugym.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PPO losses on hand-computed cases (clip coefficient 0.2). */
class PpoLossesTest {
    private NDManager nd;

    @BeforeEach
    void open() {
        nd = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        nd.close();
    }

    private NDArray ratios() {
        return nd.create(new float[] {(float) Math.log(1.5), (float) Math.log(0.5), (float) Math.log(1.1)});
    }

    @Test
    void clippedSurrogateTakesThePessimisticTerm() {
        NDArray adv = nd.create(new float[] {1, 1, -2});
        // per sample max(-A r, -A clip(r)): max(-1.5, -1.2) = -1.2; max(-0.5, -0.8) = -0.5; max(2.2, 2.2) = 2.2
        double loss = PpoLosses.policyLoss(ratios(), nd.zeros(ratios().getShape()), adv, 0.2).getFloat();
        assertThat(loss).isCloseTo(0.5 / 3, within(1e-6));
    }

    @Test
    void approxKlAndClipFraction() {
        NDArray old = nd.zeros(ratios().getShape());
        // (r - 1) - ln r: 0.094535, 0.193147, 0.004690
        assertThat(PpoLosses.approxKl(ratios(), old)).isCloseTo(0.0974573, within(1e-6));
        assertThat(PpoLosses.oldApproxKl(ratios(), old)).isCloseTo(-(Math.log(1.5) + Math.log(0.5) + Math.log(1.1)) / 3, within(1e-6));
        assertThat(PpoLosses.clipFraction(ratios(), old, 0.2)).isCloseTo(2.0 / 3, within(1e-6));
    }

    @Test
    void clippedValueLossTakesTheLargerError() {
        NDArray v = nd.create(new float[] {1.0f, 2.0f});
        NDArray vOld = nd.create(new float[] {0.5f, 2.0f});
        NDArray ret = nd.create(new float[] {2.0f, 1.0f});
        // sample 0: (1-2)^2 = 1 vs (0.5+0.2-2)^2 = 1.69; sample 1: 1 vs 1
        assertThat(PpoLosses.valueLoss(v, vOld, ret, 0.2, true).getFloat()).isCloseTo(0.6725f, within(1e-6f));
        assertThat(PpoLosses.valueLoss(v, vOld, ret, 0.2, false).getFloat()).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void advantageNormalisationUsesTheSampleStandardDeviation() {
        float[] n = PpoLosses.normalizeAdvantages(nd.create(new float[] {1, 2, 3})).toFloatArray();
        assertThat(n).containsExactly(new float[] {-1, 0, 1}, within(1e-6f));
        assertThat(PpoLosses.normalizeAdvantages(nd.create(new float[] {4})).toFloatArray()).containsExactly(0f);
    }

    @Test
    void categoricalLogProbAndEntropy() {
        NDArray logits = nd.create(new float[][] {{0, 0}, {0, (float) Math.log(3)}});
        NDArray logp = PpoLosses.logSoftmax(logits);
        float[] h = PpoLosses.entropy(logp).toFloatArray();
        assertThat(h[0]).isCloseTo((float) Math.log(2), within(1e-6f));
        assertThat(h[1]).isCloseTo(0.562335f, within(1e-6f)); // -(0.25 ln 0.25 + 0.75 ln 0.75)
        float[] lp = PpoLosses.actionLogProb(logp, nd.create(new long[] {0, 1})).toFloatArray();
        assertThat(lp).containsExactly(new float[] {(float) Math.log(0.5), (float) Math.log(0.75)}, within(1e-6f));
    }
}
