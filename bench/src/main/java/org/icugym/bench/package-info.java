/**
 * Benchmarks of the environment server: a closed-loop load generator over raw grpc-java calls,
 * the transport-echo baseline server, and the in-process step rate (see docs/benchmarks.md).
 */
package org.icugym.bench;
