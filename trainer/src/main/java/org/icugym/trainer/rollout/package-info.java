/** Rollout workers: vectorised environment-server sessions driven by a local copy of the policy. */
package org.icugym.trainer.rollout;
