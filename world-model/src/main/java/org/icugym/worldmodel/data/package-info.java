/**
 * World-model training data: standardized stays ({@link org.icugym.worldmodel.data.StaySequence}),
 * the cohort-level {@link org.icugym.worldmodel.data.TrainingData}, and adapters that build it
 * from a cohort ({@link org.icugym.worldmodel.data.TrainingDataSource}).
 */
package org.icugym.worldmodel.data;
