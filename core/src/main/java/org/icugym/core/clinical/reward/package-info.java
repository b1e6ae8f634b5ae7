/**
 * Sepsis rewards: the intermediate shaping of Raghu et al. 2017 (SOFA and lactate changes) and
 * the terminal survival reward, with the variants terminal-only ±15 and terminal-only ±100.
 */
package org.icugym.core.clinical.reward;
