/**
 * {@code Sepsis-WorldModel-v1}: the Clinical World Model as a vectorized environment with the
 * observation layout, infos and forecasts of {@code Sepsis-Physiology-v1}. Plain Java (no actors):
 * every forward pass goes through a {@link org.icugym.worldmodel.env.BatchPredictor}, which a
 * server backs with a pool of batching inference workers.
 */
package org.icugym.worldmodel.env;
