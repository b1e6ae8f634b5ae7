/**
 * The world-model inference pool of the environment server: batching {@link
 * org.icugym.envserver.worldmodel.WorldModelWorker} actors behind a router, and the wiring that
 * registers {@code Sepsis-WorldModel-v1} when a model is configured.
 */
package org.icugym.envserver.worldmodel;
