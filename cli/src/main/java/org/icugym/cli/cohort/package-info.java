/**
 * The {@code icugym cohort} command: generate a synthetic sepsis cohort, import a MIMIC
 * extraction in AI Clinician column naming, and report a cohort's statistics beside the MIMIC-IV
 * targets (Markdown and PNG histograms).
 */
package org.icugym.cli.cohort;
