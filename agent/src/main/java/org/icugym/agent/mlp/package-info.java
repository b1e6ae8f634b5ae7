/** The PPO actor-critic: an MLP with a shared trunk and one head of action logits plus a value. */
package org.icugym.agent.mlp;
