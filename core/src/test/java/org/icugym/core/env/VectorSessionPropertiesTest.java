package org.icugym.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.icugym.core.random.Rng;

/** Properties of {@link VectorSession}: rejected requests never change a session's state. */
class VectorSessionPropertiesTest {

    @Property(tries = 200)
    void rejectedStepsLeaveNoTrace(@ForAll long seed, @ForAll AutoresetMode mode,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -2, max = 3) Integer> requests) {
        VectorSession s = VectorSessionTest.cartPole(2, mode, seed);
        VectorSession twin = VectorSessionTest.cartPole(2, mode, seed);
        s.reset(null, null, null, null);
        twin.reset(null, null, null, null);
        Rng other = new Rng(seed);
        for (int request : requests) {
            long[] actions = request == 3 ? new long[] {0, 1, 0} : new long[] {request, other.nextInt(2)};
            StepResult r = tryStep(s, actions);
            StepResult expected = tryStep(twin, actions[0] >= 0 && actions[0] <= 1 && actions.length == 2
                    ? actions : null);
            if (r == null && expected == null) {
                continue;
            }
            assertThat(r).isNotNull();
            assertThat(r.observations()).containsExactly(expected.observations());
            assertThat(r.rewards()).containsExactly(expected.rewards());
            if (mode == AutoresetMode.DISABLED && (r.terminated()[0] || r.terminated()[1] || r.truncated()[0]
                    || r.truncated()[1])) {
                boolean[] mask = s.endedMask();
                assertThat(s.reset(null, null, mask, null).observations())
                        .containsExactly(twin.reset(null, null, mask, null).observations());
            }
        }
    }

    /** The result of stepping, or null if the session rejected the request (or there is none). */
    private static StepResult tryStep(VectorSession s, long[] actions) {
        if (actions == null) {
            return null;
        }
        try {
            return s.step(actions);
        } catch (EnvException e) {
            assertThat(e.code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT);
            return null;
        }
    }
}
