/**
 * Server plumbing shared by the icugym gRPC servers: the request gate behind graceful shutdown, the
 * standard health service, HTTP/2 binding with a graceful shutdown, failure-to-status mapping and
 * tensor encoding. Depends on {@code proto} only; the servers never depend on each other.
 */
package org.icugym.grpc;
