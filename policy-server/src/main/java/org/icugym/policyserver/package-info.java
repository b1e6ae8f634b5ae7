/**
 * The policy server: {@link org.icugym.policyserver.PolicyServer} binds the gRPC
 * {@code icugym.v1.PolicyService} in front of the model registry and its batched worker pool.
 */
package org.icugym.policyserver;
