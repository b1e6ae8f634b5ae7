/**
 * {@code Sepsis-Physiology-v1}: the reference physiology simulator as a vectorized environment,
 * with an observation of imputed features, derived scores, the previous action and a missingness
 * mask, and infos carrying SOFA, the safety flags and the safety cost channel.
 */
package org.icugym.core.envs.physiology;
