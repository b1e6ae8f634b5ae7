package org.icugym.core.envs;

import org.icugym.core.env.EnvRegistry;

/** The environments every icugym server offers by default. */
public final class BuiltinEnvironments {
    private BuiltinEnvironments() {}

    /** A registry of the built-in environments. */
    public static EnvRegistry registry() {
        return EnvRegistry.of();
    }
}
