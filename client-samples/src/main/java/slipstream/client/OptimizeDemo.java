package slipstream.client;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.CompileSpecResponse;
import slipstream.proto.v1.Lineup;
import slipstream.proto.v1.Objective;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.OptimizeResponse;
import slipstream.proto.v1.OptimizeResult;
import slipstream.proto.v1.OptimizerServiceGrpc;
import slipstream.proto.v1.OutOfSample;
import slipstream.proto.v1.SpecServiceGrpc;

/**
 * A Java client of Slipstream: compiles the demo slate, optimizes a portfolio on it, prints the progress and the
 * lineups as a table, and exits 0.
 *
 * <pre>
 * java -cp client-samples/target/client-samples.jar:... slipstream.client.OptimizeDemo [host:port] [lineups] [objective]
 * </pre>
 * Defaults: 127.0.0.1:50051, 5 lineups, OBJECTIVE_TAIL_UPSIDE.
 */
public final class OptimizeDemo {

    private OptimizeDemo() {}

    public static void main(String[] args) throws InterruptedException {
        String target = args.length > 0 ? args[0] : "127.0.0.1:50051";
        int lineups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Objective objective = args.length > 2 ? Objective.valueOf(args[2]) : Objective.OBJECTIVE_TAIL_UPSIDE;
        ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        try {
            System.exit(run(channel, lineups, objective));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Runs the demo on a channel; returns the process exit code. */
    public static int run(ManagedChannel channel, int lineups, Objective objective) {
        try {
            CompileSpecResponse compiled = SpecServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .compileSpec(CompileSpecRequest.newBuilder().setSlateId("demo").build());
            System.out.printf("spec %s: %s, %d entries, cap %d%n", compiled.getSpec().getSpecId(),
                    compiled.getSpec().getSlateName(), compiled.getSpec().getEntriesCount(), compiled.getSpec().getSalaryCap());
            Iterator<OptimizeResponse> stream = OptimizerServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.MINUTES)
                    .optimize(OptimizeRequest.newBuilder().setSpecId(compiled.getSpec().getSpecId()).setSeed(42)
                            .setScenarioCount(10_000).setPortfolioSize(lineups).setObjective(objective)
                            .setMaxExposure(0.6).setValidationScenarioCount(10_000).build());
            OptimizeResult result = null;
            while (stream.hasNext()) {
                OptimizeResponse message = stream.next();
                if (message.hasProgress()) {
                    System.out.printf(Locale.ROOT, "  %-24s %5.1f%%%n", message.getProgress().getPhase(),
                            100 * message.getProgress().getFractionDone());
                } else {
                    result = message.getResult();
                }
            }
            if (result == null) {
                System.err.println("the stream ended without a result");
                return 1;
            }
            printTable(result);
            return 0;
        } catch (StatusRuntimeException e) {
            System.err.println("call failed: " + e.getStatus());
            return 1;
        }
    }

    private static void printTable(OptimizeResult result) {
        System.out.printf(Locale.ROOT, "%-3s %-6s %7s %7s %7s %6s  %s%n", "#", "salary", "mean", "p90", "p99", "tail", "drivers");
        int i = 1;
        for (Lineup l : result.getLineupsList()) {
            System.out.printf(Locale.ROOT, "%-3d %6d %7.1f %7.1f %7.1f %6.3f  %s%n", i++, l.getSalary(), l.getMeanPoints(),
                    l.getP90Points(), l.getP99Points(), l.getTailProbability(), String.join(", ", l.getDriverNamesList()));
        }
        System.out.printf(Locale.ROOT, "objective %.4f, %d scenarios, %d candidates, solver %s, parameters: %s%n",
                result.getObjectiveValue(), result.getDiagnostics().getScenarios(),
                result.getDiagnostics().getCandidatesEvaluated(), result.getDiagnostics().getSolverStatus(),
                result.getDiagnostics().getParameterSource());
        // In-sample figures flatter the lineups (they were chosen on those scenarios); fresh ones do not.
        OutOfSample fresh = result.getOutOfSample();
        System.out.printf(Locale.ROOT,
                "out of sample (%d fresh scenarios): objective %.4f +- %.4f, ROI %.3f (in sample %.3f)%n",
                fresh.getScenarios(), fresh.getObjectiveValue(), fresh.getObjectiveValueSe(),
                fresh.getContest().getRoi(), result.getContest().getRoi());
        result.getDiagnostics().getWarningsList().forEach(w -> System.out.println("warning: " + w));
        fresh.getWarningsList().forEach(w -> System.out.println("warning (out of sample): " + w));
    }
}
