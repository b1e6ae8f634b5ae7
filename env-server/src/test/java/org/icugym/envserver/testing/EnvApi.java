package org.icugym.envserver.testing;

import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;

/**
 * The session calls of the environment API, blocking, through one transport (unary calls or the
 * Session stream). Failures throw {@link EnvApiException} with the status code.
 */
public interface EnvApi extends AutoCloseable {
    /** CreateSession. */
    CreateSessionResponse create(CreateSessionRequest request);

    /** Reset. */
    ResetResponse reset(ResetRequest request);

    /** Step. */
    StepResponse step(StepRequest request);

    /** Simulate. */
    SimulateResponse simulate(SimulateRequest request);

    /** CloseSession. */
    void closeSession(CloseSessionRequest request);

    /** Releases the transport (not the server's sessions). */
    @Override
    void close();
}
