/** Server metrics (Micrometer) and their Prometheus text endpoint. */
package org.icugym.envserver.metrics;
