/**
 * World-model training: {@link org.icugym.worldmodel.train.WorldModelTrainer#fit} trains the
 * ensemble with early stopping on a validation split and returns an artifact with its metrics.
 */
package org.icugym.worldmodel.train;
