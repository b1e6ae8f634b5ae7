/**
 * Policies: the {@link org.icugym.agent.Policy} contract servers and trainers call, the versioned
 * weights file ({@link org.icugym.agent.PolicyWeights}) and {@link org.icugym.agent.Policies}, which
 * opens one on a device.
 */
package org.icugym.agent;
