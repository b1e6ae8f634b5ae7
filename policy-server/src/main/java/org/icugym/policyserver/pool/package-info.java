/**
 * The actors that serve models: {@link org.icugym.policyserver.pool.PolicyRegistry} (models by id
 * and version), one {@link org.icugym.policyserver.pool.Batcher} per model (dynamic batching) and
 * its {@link org.icugym.policyserver.pool.PolicyWorker}s (one model replica on one device each).
 */
package org.icugym.policyserver.pool;
