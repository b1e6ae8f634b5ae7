/** {@code icugym train}: PPO training against an environment server. */
package org.icugym.cli.train;
