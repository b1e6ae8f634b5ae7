/**
 * The Clinical World Model: a learned, action-conditioned, history-aware, probabilistic model of
 * septic ICU patients, trained on a cohort and served to the sepsis environments.
 */
package org.icugym.worldmodel;
