/**
 * The gRPC front end: the environment service, the health service, the shutdown gate and
 * {@link org.icugym.envserver.grpc.ProtoMapper}, the only place that maps protobuf to domain types.
 */
package org.icugym.envserver.grpc;
