package org.icugym.agent.baseline;

import org.icugym.agent.Policy;

/** A weightless policy of a fixed kind: holds its sizes and kind name; subclasses supply the action rule. */
abstract class BaselinePolicy implements Policy {
    private final String kind;
    final int observationSize;
    final int numActions;

    BaselinePolicy(String kind, int observationSize, int numActions) {
        this.kind = kind;
        this.observationSize = observationSize;
        this.numActions = numActions;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final int observationSize() {
        return observationSize;
    }

    @Override
    public final int numActions() {
        return numActions;
    }
}
