package slipstream.kernels.mcmc;

import java.util.concurrent.CancellationException;

/** Sampling stopped because the caller's cancellation check turned true; no result exists. */
public final class SamplingCancelledException extends CancellationException {

    public SamplingCancelledException(String message) {
        super(message);
    }
}
