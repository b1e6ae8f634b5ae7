package org.icugym.trainer.ppo;

import org.icugym.core.random.Rng;

/** Orthogonal matrices for weight initialisation (Saxe et al. 2014), as {@code torch.nn.init.orthogonal_}. */
final class Orthogonal {
    private Orthogonal() {
    }

    /**
     * A {@code rows × cols} matrix, row-major, scaled by {@code gain}, whose rows (if rows ≤ cols) or
     * columns (otherwise) are orthonormal: Gram-Schmidt on a Gaussian matrix.
     */
    static float[] matrix(int rows, int cols, double gain, Rng rng) {
        int big = Math.max(rows, cols);
        int small = Math.min(rows, cols);
        double[][] v = new double[small][big];
        for (int i = 0; i < small; i++) {
            for (int j = 0; j < big; j++) {
                v[i][j] = rng.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < big; j++) {
                    dot += v[i][j] * v[k][j];
                }
                for (int j = 0; j < big; j++) {
                    v[i][j] -= dot * v[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < big; j++) {
                norm += v[i][j] * v[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < big; j++) {
                v[i][j] /= norm;
            }
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) (gain * (rows <= cols ? v[r][c] : v[c][r]));
            }
        }
        return out;
    }
}
