/** Checkpoints of a training run: the learner's whole state, written atomically, and how to find and load them. */
package org.icugym.trainer.checkpoint;
