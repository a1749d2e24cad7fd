package slipstream.bench.optimize;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import slipstream.proto.v1.Lineup;
import slipstream.proto.v1.Objective;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.OptimizeResponse;
import slipstream.proto.v1.OptimizeResult;
import slipstream.proto.v1.OptimizerServiceGrpc;

/**
 * End-to-end Optimize timing over gRPC from a Java client with one warm channel, so the numbers hold the server's
 * work, the streamed progress and the result's transfer, but not a command-line client's own start (buf curl
 * spends about 0.25 s starting and resolving reflection before each call).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar slipstream.bench.optimize.OptimizeTiming \
 *     host:port specId scenarios lineups maxExposure warmups repeats OBJECTIVE_MEAN_POINTS [OBJECTIVE_...]
 * </pre>
 * {@code warmups} untimed rounds over the objectives (the server is long-running: its JIT should be settled, as
 * a Python peer's interpreter is), then {@code repeats} timed rounds; prints one line per objective:
 * {@code objective median_s min_s max_s server_s lineups mean_points phases} (server_s: the median call's
 * phase_millis sum; phases: that call's phase_millis, rounded, as {@code name=ms,...}).
 */
public final class OptimizeTiming {

    private OptimizeTiming() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 8) {
            System.err.println("usage: OptimizeTiming host:port specId scenarios lineups maxExposure warmups repeats OBJECTIVE...");
            System.exit(2);
        }
        ManagedChannel channel = NettyChannelBuilder.forTarget(args[0]).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        try {
            OptimizeRequest.Builder base = OptimizeRequest.newBuilder().setSpecId(args[1]).setSeed(42)
                    .setScenarioCount(Integer.parseInt(args[2])).setPortfolioSize(Integer.parseInt(args[3]))
                    .setMaxExposure(Double.parseDouble(args[4]));
            int warmups = Integer.parseInt(args[5]);
            int repeats = Integer.parseInt(args[6]);
            int k = args.length - 7;
            OptimizeRequest[] requests = new OptimizeRequest[k];
            for (int i = 0; i < k; i++) {
                requests[i] = base.clone().setObjective(Objective.valueOf(args[7 + i])).build();
            }
            // Warm-ups and timed calls go round the objectives, so no objective pays for the JIT's first steps
            // alone and slow spells of a shared machine spread over all of them.
            for (int w = 0; w < warmups; w++) {
                for (OptimizeRequest request : requests) {
                    call(channel, request);
                }
            }
            double[][] seconds = new double[k][repeats];
            OptimizeResult[][] results = new OptimizeResult[k][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < k; i++) {
                    long t0 = System.nanoTime();
                    results[i][r] = call(channel, requests[i]);
                    seconds[i][r] = (System.nanoTime() - t0) / 1e9;
                    if (Boolean.getBoolean("timing.eachCall")) {
                        System.err.printf(Locale.ROOT, "call %s round %d: %.3f s %s%n", args[7 + i], r, seconds[i][r],
                                results[i][r].getDiagnostics().getPhaseMillisMap());
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                int median = medianIndex(seconds[i]);
                OptimizeResult result = results[i][median];
                double server = result.getDiagnostics().getPhaseMillisMap().values().stream()
                        .mapToDouble(Double::doubleValue).sum() / 1e3;
                double meanPoints = result.getLineupsList().stream().mapToDouble(Lineup::getMeanPoints).average().orElse(0);
                String phases = result.getDiagnostics().getPhaseMillisMap().entrySet().stream()
                        .map(e -> e.getKey() + "=" + Math.round(e.getValue()))
                        .collect(java.util.stream.Collectors.joining(","));
                System.out.printf(Locale.ROOT, "%s %.3f %.3f %.3f %.3f %d %.2f %s%n", args[7 + i], seconds[i][median],
                        Arrays.stream(seconds[i]).min().orElse(0), Arrays.stream(seconds[i]).max().orElse(0), server,
                        result.getLineupsCount(), meanPoints, phases);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static OptimizeResult call(ManagedChannel channel, OptimizeRequest request) {
        Iterator<OptimizeResponse> stream = OptimizerServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.MINUTES).optimize(request);
        OptimizeResult result = null;
        while (stream.hasNext()) {
            OptimizeResponse message = stream.next();
            if (message.hasResult()) {
                result = message.getResult();
            }
        }
        if (result == null) {
            throw new IllegalStateException("the stream ended without a result");
        }
        return result;
    }

    private static int medianIndex(double[] seconds) {
        Integer[] order = new Integer[seconds.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(seconds[a], seconds[b]));
        return order[seconds.length / 2];
    }
}
