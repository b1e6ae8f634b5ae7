/** The trainer: a learner and rollout workers (Pekko actors) training policies against the environment server. */
package org.icugym.trainer;
