/** The built-in environments (CartPole-v1, ICU-Sepsis-v2) and their registry. */
package org.icugym.core.envs;
