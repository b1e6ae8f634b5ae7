/**
 * Validation of the off-policy estimators where the truth is known: behaviour datasets drawn from
 * the ICU-Sepsis MDP, exact policy values by dynamic programming, and a coverage study of the
 * bootstrap intervals over repeated datasets.
 */
package org.icugym.evaluation.validation;
