package org.icugym.core.envs;

import org.icugym.core.env.EnvRegistry;
import org.icugym.core.envs.cartpole.CartPoleFactory;
import org.icugym.core.envs.icusepsis.IcuSepsisFactory;
import org.icugym.core.envs.physiology.SepsisPhysiologyFactory;

/**
 * The environments every icugym server offers by default: {@code CartPole-v1},
 * {@code ICU-Sepsis-v2} and {@code Sepsis-Physiology-v1}. Building the registry loads no data; ICU-Sepsis reads its arrays when its
 * first session is created.
 */
public final class BuiltinEnvironments {
    private BuiltinEnvironments() {}

    /** A registry of the built-in environments. */
    public static EnvRegistry registry() {
        return EnvRegistry.of(new CartPoleFactory(), new IcuSepsisFactory(), new SepsisPhysiologyFactory());
    }
}
