/** Runnable measurements of the world model: forward throughput and fidelity of architectures. */
package org.icugym.worldmodel.bench;
