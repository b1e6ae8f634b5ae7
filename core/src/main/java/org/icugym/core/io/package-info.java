/**
 * Readers for NumPy's {@code .npy} arrays and {@code .npz} archives (little-endian float64, C
 * order), used to load published environment data shipped as resources.
 */
package org.icugym.core.io;
