/**
 * Planning in the policy server: planner models refine their prior's batched answer by calling an
 * env server's Simulate over gRPC, on a dedicated dispatcher.
 */
package org.icugym.policyserver.plan;
