/** Proximal policy optimisation: GAE, the losses and the training loop of one learner. */
package org.icugym.trainer.ppo;
