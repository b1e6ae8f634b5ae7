/**
 * Server plumbing shared by the icugym gRPC servers: the request gate behind graceful shutdown and the
 * standard health service. Depends on {@code proto} only; the servers never depend on each other.
 */
package org.icugym.grpc;
