/** The learner: PPO updates on trajectory batches and weight broadcast to rollout workers. */
package org.icugym.trainer.learner;
