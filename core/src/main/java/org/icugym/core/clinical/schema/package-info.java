/**
 * The sepsis feature schema: the 39 dynamic, 3 static and derived features with units,
 * physiological bounds, normalisation and their column names in the public MIMIC sepsis
 * extractions (AI Clinician style), plus the observation container {@link
 * org.icugym.core.clinical.schema.ClinicalObservation}.
 *
 * <p>Every other clinical package (scores, actions, reward, safety, physiology, cohort I/O)
 * refers to features through {@link org.icugym.core.clinical.schema.SepsisSchema}; nothing else
 * defines a feature name, unit or bound.
 */
package org.icugym.core.clinical.schema;
