/** {@code icugym world-model}: train a Clinical World Model, report its fidelity, build the default model. */
package org.icugym.cli.worldmodel;
