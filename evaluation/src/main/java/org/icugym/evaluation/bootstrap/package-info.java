/**
 * Patient-level bootstrap: resamples patients (all stays of a drawn patient together), seeded per
 * resample so that results do not depend on thread scheduling, with percentile intervals.
 */
package org.icugym.evaluation.bootstrap;
