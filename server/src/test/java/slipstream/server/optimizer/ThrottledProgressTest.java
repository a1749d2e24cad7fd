package slipstream.server.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import slipstream.proto.v1.JobPhase;

/** Optimize progress reaches the client once per phase start and per percent, not once per kernel block. */
class ThrottledProgressTest {

    @Test
    void passesPhaseStartsAndPercentSteps() {
        List<String> sent = new ArrayList<>();
        OptimizerService.Throttled progress = new OptimizerService.Throttled(
                (phase, fraction, message) -> sent.add(phase.name() + "@" + fraction));
        progress.report(JobPhase.JOB_PHASE_SIMULATING, 0.0, "start");
        for (int i = 1; i <= 1250; i++) {
            progress.report(JobPhase.JOB_PHASE_SIMULATING, 0.45 * i / 1250, "simulating");
        }
        progress.report(JobPhase.JOB_PHASE_FIELD, 0.45, "field"); // a new phase passes at once
        progress.report(JobPhase.JOB_PHASE_FIELD, 0.451, "field");
        assertEquals("JOB_PHASE_SIMULATING@0.0", sent.get(0));
        assertEquals("JOB_PHASE_FIELD@0.45", sent.get(sent.size() - 1));
        // 0.45 of the job in blocks of 0.00036: a report each time 1% has passed since the last one (every 28 blocks,
        // 44 of them before 0.45), plus the first report and the new phase's
        assertEquals(46, sent.size(), String.join(", ", sent));
    }
}
