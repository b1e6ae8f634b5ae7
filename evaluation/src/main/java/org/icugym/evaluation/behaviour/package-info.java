/**
 * The behaviour (logging) policy's probability of each logged action: recorded at collection time
 * when available, otherwise estimated from the data (tabular counts for discrete states, k nearest
 * neighbours for feature vectors), softened with an explicit epsilon.
 */
package org.icugym.evaluation.behaviour;
