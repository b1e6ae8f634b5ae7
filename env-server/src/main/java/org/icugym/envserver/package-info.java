/**
 * The icugym environment server: {@link org.icugym.envserver.EnvServer} starts the session actors,
 * the gRPC services and the metrics endpoint from {@link org.icugym.envserver.EnvServerSettings}.
 */
package org.icugym.envserver;
