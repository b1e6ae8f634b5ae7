/**
 * Sepsis cohorts: the synthetic cohort generator (reference simulator + clinician behaviour
 * policy), the cohort CSV schema and its gzip-aware reader and writer, the importer for MIMIC
 * sepsis extractions in AI Clinician column naming, and cohort statistics and reports compared
 * with the MIMIC-IV targets. {@code docs/cohort.md} documents the file format and the commands.
 */
package org.icugym.core.clinical.cohort;
