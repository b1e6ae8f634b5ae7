package org.icugym.policyserver.pool;

import org.icugym.agent.Policies;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyWeights;

/** Opens a model replica on a device; the server uses {@link Policies#open}. */
@FunctionalInterface
public interface PolicyOpener {
    /** The standard opener. */
    PolicyOpener DEFAULT = Policies::open;

    /** A replica of {@code weights} on {@code device}. */
    Policy open(PolicyWeights weights, String device);
}
