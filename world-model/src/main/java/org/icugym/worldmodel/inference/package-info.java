/**
 * Inference with a trained world model: batched forward passes across many rows, per-row
 * ensemble members, and seeded sampling of next states and events.
 */
package org.icugym.worldmodel.inference;
