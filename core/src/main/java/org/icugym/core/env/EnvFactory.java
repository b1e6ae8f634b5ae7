package org.icugym.core.env;

import java.util.Map;

/** Creates vectors of one registered environment id. Implementations are thread-safe. */
public interface EnvFactory {

    /** The spec with default options (what ListEnvironments shows). */
    EnvSpec spec();

    /**
     * Creates {@code numEnvs} environments with the given options; unknown option names or bad
     * values throw {@link EnvException} with code {@code INVALID_ARGUMENT}.
     */
    VectorEnv create(int numEnvs, Map<String, String> options);

    /** Whether the environments this factory creates can forecast ({@link Simulatable}); false by default. */
    default boolean canSimulate() {
        return false;
    }

    /** Rejects options this factory does not declare in its spec. */
    default void checkOptionNames(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (spec().options().stream().noneMatch(o -> o.name().equals(name))) {
                throw EnvException.invalidArgument("unknown option '" + name + "' for " + spec().id()
                        + "; accepted options: " + spec().options().stream().map(EnvOption::name).toList());
            }
        }
    }
}
