package org.icugym.policyserver.pool;

import org.icugym.agent.PolicyWeights;

/**
 * One version of a served model: immutable, so it can travel in messages between actors.
 *
 * @param modelId the model id
 * @param version the version number (1, 2, ... per model id)
 * @param weights the weights of this version
 * @param source where they came from (a file path, {@code "inline"} or {@code "builtin"})
 */
public record ModelVersion(String modelId, long version, PolicyWeights weights, String source) {}
