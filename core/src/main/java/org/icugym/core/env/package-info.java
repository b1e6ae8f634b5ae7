/**
 * The vectorized environment SPI ({@link org.icugym.core.env.VectorEnv}), specs, the registry and
 * {@link org.icugym.core.env.VectorSession}, which applies seeding, time limits, autoreset modes
 * and request validation identically for every environment.
 */
package org.icugym.core.env;
