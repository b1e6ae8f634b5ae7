/** Baseline policies that need no weights: uniformly random and no treatment. */
package org.icugym.agent.baseline;
