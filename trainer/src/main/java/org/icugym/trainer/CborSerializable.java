package org.icugym.trainer;

/**
 * Marker of every message that may cross between cluster nodes (learner and rollout workers);
 * bound to Jackson CBOR in the serialization config.
 */
public interface CborSerializable {
}
