/**
 * Server plumbing shared by the icugym gRPC servers: the request gate behind graceful shutdown, the
 * standard health service, and HTTP/2 binding with a graceful shutdown. Depends on {@code proto} only; the servers never depend on each other.
 */
package org.icugym.grpc;
