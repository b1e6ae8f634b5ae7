/**
 * Clinical scores and derived features computed from a {@link
 * org.icugym.core.clinical.schema.ClinicalObservation}: SOFA (Vincent et al. 1996) and its six
 * components, SIRS (Bone et al. 1992), shock index, PaO2/FiO2 and the GCS total.
 *
 * <p>Missing inputs are explicit: a score component whose inputs were not measured scores 0
 * ("assumed normal", the convention of the SOFA and Sepsis-3 literature) and is reported as
 * missing, so callers can tell a normal organ from an unmeasured one.
 */
package org.icugym.core.clinical.score;
