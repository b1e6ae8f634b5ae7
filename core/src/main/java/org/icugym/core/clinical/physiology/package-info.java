/**
 * The reference physiology simulator behind {@code Sepsis-Physiology-v1}: a seeded, stochastic
 * model of a septic ICU patient with latent physiology, hidden patient-level drivers, treatment
 * effects, mortality, observation noise and missing labs. {@code docs/physiology.md} describes
 * the model.
 *
 * <p>Entry point: {@link org.icugym.core.clinical.physiology.PhysiologySimulator#admit(long)}
 * returns a {@link org.icugym.core.clinical.physiology.SimulatedPatient} to step with doses.
 * Two patients admitted with the same seed are identical, and their random streams are drawn
 * the same way whatever the treatment, so counterfactual comparisons use common random numbers.
 */
package org.icugym.core.clinical.physiology;
