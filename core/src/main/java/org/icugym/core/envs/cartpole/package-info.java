/**
 * {@code CartPole-v1}: Gymnasium's classic cart-pole balancing task (Barto, Sutton and Anderson,
 * 1983), used for client and trainer sanity checks.
 */
package org.icugym.core.envs.cartpole;
