/**
 * Safety metrics of a policy's recommendations on logged states: guideline adherence (G1, G2),
 * hazards A-D, under- and over-dosing against the clinicians, and 5 x 5 dose heatmaps.
 */
package org.icugym.evaluation.safety;
