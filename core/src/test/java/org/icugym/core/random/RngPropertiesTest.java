package org.icugym.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/** Properties of {@link Rng}: bounds, reproducibility and the distribution of {@link Rng#sampleCdf}. */
class RngPropertiesTest {

    @Property(tries = 300)
    void nextIntStaysWithinItsBound(@ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
        Rng rng = new Rng(seed);
        for (int i = 0; i < 20; i++) {
            assertThat(rng.nextInt(bound)).isBetween(0, bound - 1);
        }
    }

    @Property(tries = 300)
    void uniformStaysWithinItsInterval(@ForAll long seed, @ForAll @DoubleRange(min = -1e6, max = 1e6) double low,
            @ForAll @DoubleRange(min = 1e-6, max = 1e6) @Scale(7) double width) {
        Rng rng = new Rng(seed);
        double x = rng.uniform(low, low + width);
        assertThat(x).isGreaterThanOrEqualTo(low).isLessThanOrEqualTo(low + width);
    }

    @Property(tries = 300)
    void sameSeedGivesTheSameStream(@ForAll long seed) {
        Rng a = new Rng(seed);
        Rng b = new Rng(seed);
        for (int i = 0; i < 10; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        assertThat(a.split().nextLong()).isEqualTo(b.split().nextLong());
    }

    @Property(tries = 300)
    void sampleCdfReturnsAnIndexOfPositiveProbability(@ForAll long seed,
            @ForAll @Size(min = 1, max = 30) double[] weights) {
        double[] cdf = new double[weights.length + 2]; // a guard entry on each side, outside [from, to)
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            double w = Double.isFinite(weights[i]) ? Math.abs(weights[i]) % 10 : 0;
            sum += i == weights.length - 1 && sum == 0 ? 1 : w;
            cdf[i + 1] = sum;
        }
        cdf[weights.length + 1] = sum + 5;
        Rng rng = new Rng(seed);
        for (int n = 0; n < 20; n++) {
            int k = rng.sampleCdf(cdf, 1, weights.length + 1);
            assertThat(k).isBetween(1, weights.length);
            double p = cdf[k] - (k == 1 ? 0 : cdf[k - 1]);
            assertThat(p).isPositive();
        }
    }

    @Example
    void sampleCdfFollowsTheDistribution() {
        double[] p = {0.1, 0.0, 0.2, 0.3, 0.4};
        double[] cdf = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            cdf[i] = sum;
        }
        int draws = 200_000;
        int[] counts = new int[p.length];
        Rng rng = new Rng(2024);
        for (int n = 0; n < draws; n++) {
            counts[rng.sampleCdf(cdf, 0, cdf.length)]++;
        }
        double chiSquare = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                assertThat(counts[i]).isZero();
            } else {
                double expected = draws * p[i];
                chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
            }
        }
        assertThat(chiSquare).isLessThan(16.27); // chi-square, 3 degrees of freedom, p = 0.001
    }

    @Example
    void nextIntIsUniform() {
        int bound = 7;
        int draws = 140_000;
        int[] counts = new int[bound];
        Rng rng = new Rng(99);
        for (int n = 0; n < draws; n++) {
            counts[rng.nextInt(bound)]++;
        }
        double expected = (double) draws / bound;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        assertThat(chiSquare).isLessThan(22.46); // chi-square, 6 degrees of freedom, p = 0.001
    }
}
