/**
 * Evaluation policies: the action probabilities a policy gives in each logged state, tabular or
 * feature-based, and explicit softening {@code (1 - epsilon) pi + epsilon / |A|}.
 */
package org.icugym.evaluation.policy;
