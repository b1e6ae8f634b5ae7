/**
 * {@code ICU-Sepsis-v2}: the public tabular sepsis benchmark MDP (Choudhary, Gupta &amp; Thomas,
 * RLC 2024; MIT licence, shipped beside the data), its sparse transition kernel, the environment
 * and exact dynamic programming for reference values.
 */
package org.icugym.core.envs.icusepsis;
