/** Observation and action spaces (Box, Discrete, MultiDiscrete), mirroring Gymnasium's. */
package org.icugym.core.space;
