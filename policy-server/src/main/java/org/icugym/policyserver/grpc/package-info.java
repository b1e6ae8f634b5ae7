/** The gRPC face of the policy server: the PolicyService, health, and protobuf mapping. */
package org.icugym.policyserver.grpc;
