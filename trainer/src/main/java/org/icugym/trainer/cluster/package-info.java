/**
 * Training on a Pekko cluster: the learner as a cluster singleton on nodes with role {@code learner},
 * rollout workers on nodes with role {@code rollout}, found through the Receptionist.
 */
package org.icugym.trainer.cluster;
