/** Running a training job on one node: wiring, metrics and results. */
package org.icugym.trainer.run;
