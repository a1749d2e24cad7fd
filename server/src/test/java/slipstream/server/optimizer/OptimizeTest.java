package slipstream.server.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import slipstream.client.OptimizeDemo;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.ConstraintSpec;
import slipstream.proto.v1.ContestSettings;
import slipstream.proto.v1.DriverExposure;
import slipstream.proto.v1.DriverOwnership;
import slipstream.proto.v1.Entry;
import slipstream.proto.v1.Lineup;
import slipstream.proto.v1.Objective;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.OptimizeResponse;
import slipstream.proto.v1.OptimizeResult;
import slipstream.proto.v1.OptimizerServiceGrpc;
import slipstream.proto.v1.OutOfSample;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.proto.v1.TeamExposure;
import slipstream.server.support.GrpcErrors;
import slipstream.server.support.SystemPython;
import slipstream.server.support.TestServer;

/** Optimize end to end on the demo slate (feature prior, no calibration active), over a real server. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptimizeTest implements TestPropertyProvider {

    private final int port = TestServer.freePort();
    private ManagedChannel channel;
    private ConstraintSpec spec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = TestServer.properties(port, TestServer.tempDataDir());
        props.put("slipstream.compute-threads", "1");
        props.put("slipstream.compute-queue", "2");
        return props;
    }

    private ManagedChannel channel() {
        if (channel == null) {
            channel = TestServer.channel(port);
            spec = SpecServiceGrpc.newBlockingStub(channel)
                    .compileSpec(CompileSpecRequest.newBuilder().setSlateId("demo").build()).getSpec();
        }
        return channel;
    }

    @AfterAll
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private OptimizeRequest.Builder request() {
        channel();
        return OptimizeRequest.newBuilder().setSpecId(spec.getSpecId()).setSeed(7).setScenarioCount(3000);
    }

    private List<OptimizeResponse> run(OptimizeRequest request) {
        List<OptimizeResponse> out = new ArrayList<>();
        Iterator<OptimizeResponse> it = OptimizerServiceGrpc.newBlockingStub(channel())
                .withDeadlineAfter(120, TimeUnit.SECONDS).optimize(request);
        it.forEachRemaining(out::add);
        return out;
    }

    private OptimizeResult result(OptimizeRequest request) {
        List<OptimizeResponse> messages = run(request);
        assertTrue(messages.get(messages.size() - 1).hasResult(), "the last message carries the result");
        return messages.get(messages.size() - 1).getResult();
    }

    @Test
    void tailUpsidePortfolioRespectsCapExposureVetoAndStreamsProgress() {
        List<OptimizeResponse> messages = run(request().setObjective(Objective.OBJECTIVE_TAIL_UPSIDE)
                .setPortfolioSize(5).setMaxExposure(0.6).build());
        assertTrue(messages.stream().filter(OptimizeResponse::hasProgress).count() >= 2, "progress is streamed");
        OptimizeResult r = messages.get(messages.size() - 1).getResult();
        Map<String, Entry> entries = new HashMap<>();
        spec.getEntriesList().forEach(e -> entries.put(e.getDriverId(), e));
        assertEquals(5, r.getLineupsCount());
        Map<String, Integer> exposure = new HashMap<>();
        Set<Set<String>> distinct = new HashSet<>();
        for (Lineup l : r.getLineupsList()) {
            assertEquals(6, new HashSet<>(l.getDriverIdsList()).size());
            int salary = l.getDriverIdsList().stream().mapToInt(id -> entries.get(id).getSalary()).sum();
            assertEquals(salary, l.getSalary());
            assertTrue(salary <= 50_000);
            List<String> dearestFirst = l.getDriverIdsList().stream().sorted((x, y) -> entries.get(x).getSalary()
                    != entries.get(y).getSalary() ? Integer.compare(entries.get(y).getSalary(), entries.get(x).getSalary())
                    : x.compareTo(y)).toList();
            assertEquals(dearestFirst, l.getDriverIdsList(), "driver ids come dearest first, as documented");
            assertFalse(l.getDriverIdsList().containsAll(List.of("bubba-wallace", "tyler-reddick")), "the spec's veto");
            assertTrue(l.getP99Points() >= l.getP90Points() && l.getP90Points() >= l.getP50Points());
            assertTrue(l.getTailProbability() > 0 && l.getTailProbability() < 1);
            l.getDriverIdsList().forEach(id -> exposure.merge(id, 1, Integer::sum));
            distinct.add(new HashSet<>(l.getDriverIdsList()));
        }
        assertEquals(5, distinct.size());
        assertTrue(exposure.values().stream().allMatch(c -> c <= 3), "max exposure 0.6 of 5 lineups: " + exposure);
        assertEquals(36, r.getProjectionsCount());
        double winSum = r.getProjectionsList().stream().mapToDouble(p -> p.getWinProbability()).sum();
        assertEquals(1.0, winSum, 1e-9, "exactly one winner per scenario");
        assertTrue(r.getContest().getRandomEntryReturn() < 1, "a random entry loses money after rake");
        assertEquals(3000, r.getDiagnostics().getScenarios());
        assertEquals("feature_prior", r.getDiagnostics().getParameterSource());
        assertEquals(0, r.getDiagnostics().getCalibrationMetricsCount(), "no calibration, no held-out metrics");
        assertTrue(r.getDraftkingsCsv().startsWith("D,D,D,D,D,D\n"));
        assertEquals(1.0, r.getRegimeMixMap().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void sameRequestGivesTheSameResponseApartFromTiming() {
        OptimizeRequest req = request().setObjective(Objective.OBJECTIVE_CVAR).setPortfolioSize(3).build();
        OptimizeResult a = result(req);
        OptimizeResult b = result(req);
        assertEquals(withoutTiming(a), withoutTiming(b));
        double cvarSum = a.getLineupsList().stream().mapToDouble(l -> l.getCvarMap().get("0.95")).sum();
        assertEquals(cvarSum, a.getObjectiveValue(), 1e-9, "CVAR's value: the lineups' CVaRs at cvar_alpha 0.95");
    }

    private static OptimizeResult withoutTiming(OptimizeResult r) {
        return r.toBuilder().setDiagnostics(r.getDiagnostics().toBuilder().clearPhaseMillis()).build();
    }

    /**
     * Validation scenarios leave the in-sample result as it was, and re-score the chosen lineups on scenarios
     * selection never saw. Outside reference for MEAN_POINTS: the driver means over scenario_count + validation
     * scenarios, less those over the first scenario_count, give each driver's validation mean; a lineup's validation
     * mean is the sum of its drivers'.
     */
    @Test
    void outOfSampleCheckScoresThePortfolioOnFreshScenariosAndLeavesTheInSampleResultAlone() {
        OptimizeRequest plain = request().setObjective(Objective.OBJECTIVE_MEAN_POINTS).setPortfolioSize(4)
                .setMaxExposure(0.5).build();
        OptimizeResult without = result(plain);
        OptimizeResult with = result(plain.toBuilder().setValidationScenarioCount(2000).build());
        assertFalse(without.hasOutOfSample());
        assertEquals(withoutTiming(without), withoutTiming(with.toBuilder().clearOutOfSample().build()));

        OptimizeResult longer = result(request().setScenarioCount(5000).build());
        Map<String, Double> firstMean = new HashMap<>();
        with.getProjectionsList().forEach(p -> firstMean.put(p.getDriverId(), p.getMeanPoints()));
        Map<String, Double> validationMean = new HashMap<>();
        longer.getProjectionsList().forEach(p -> validationMean.put(p.getDriverId(),
                (5000 * p.getMeanPoints() - 3000 * firstMean.get(p.getDriverId())) / 2000));
        double expected = with.getLineupsList().stream()
                .flatMap(l -> l.getDriverIdsList().stream()).mapToDouble(validationMean::get).sum();
        OutOfSample oos = with.getOutOfSample();
        assertEquals(2000, oos.getScenarios());
        assertEquals(expected, oos.getObjectiveValue(), 1e-6);
        assertEquals(4, oos.getLineupMeanPointsCount());
        for (int i = 0; i < 4; i++) {
            double lineupMean = with.getLineups(i).getDriverIdsList().stream().mapToDouble(validationMean::get).sum();
            assertEquals(lineupMean, oos.getLineupMeanPoints(i), 1e-6, "lineup " + i);
        }
        assertEquals(oos.getContest().getRoi() + 1, oos.getLineupEquityList().stream().mapToDouble(Double::doubleValue)
                .sum() / 4, 1e-9, "ROI is the lineups' mean equity over the fee (1), less 1");
        assertTrue(oos.getObjectiveValueSe() > 0 && oos.getObjectiveValueSe() < 0.05 * expected);
        assertEquals(0, oos.getWarningsCount(), "2,000 scenarios pin a mean down: " + oos.getWarningsList());
        assertTrue(oos.getContest().getRandomEntryReturn() < 1, "a random entry still earns less than its fee");
        assertTrue(oos.getContest().getRoi() != with.getContest().getRoi(), "another contest, not the in-sample one");
        double inSampleMeans = with.getLineupsList().stream().mapToDouble(Lineup::getMeanPoints).sum();
        assertEquals(inSampleMeans, with.getObjectiveValue(), 1e-9, "the objective value is the exact sum of means");

        OptimizeResult equity = result(request().setObjective(Objective.OBJECTIVE_TOURNAMENT_EQUITY).setPortfolioSize(5)
                .setMaxExposure(0.6).setValidationScenarioCount(3000).build());
        assertTrue(equity.getOutOfSample().getObjectiveValue() < equity.getObjectiveValue(),
                "equity chosen on the in-sample scenarios is optimistic there: " + equity.getObjectiveValue() + " vs "
                        + equity.getOutOfSample().getObjectiveValue());

        OutOfSample few = result(request().setObjective(Objective.OBJECTIVE_TOURNAMENT_EQUITY).setPortfolioSize(5)
                .setMaxExposure(0.6).setValidationScenarioCount(100).build()).getOutOfSample();
        assertTrue(few.getObjectiveValueSe() > 0.05 * few.getObjectiveValue(), "100 scenarios cannot pin equity down");
        assertEquals(1, few.getWarningsCount(), "the check says so: " + few.getWarningsList());
        assertTrue(few.getWarnings(0).contains("with 100 scenarios"), few.getWarnings(0));
    }

    /**
     * Past the selection's 20,000 scenarios the report plays its contest range by range (the kernel test shows the
     * ranges give one field's bits); here the server path: figures that hang together over all 21,000.
     */
    @Test
    void aReportPastTheSelectionScenariosPlaysItsContestRangeByRange() {
        OptimizeResult r = result(request().setScenarioCount(21_000).setObjective(Objective.OBJECTIVE_TOURNAMENT_EQUITY)
                .setPortfolioSize(3).setMaxExposure(0.7).build());
        assertEquals(21_000, r.getDiagnostics().getScenarios());
        double equity = r.getLineupsList().stream().mapToDouble(Lineup::getEquity).sum();
        assertEquals(r.getContest().getRoi() + 1, equity / 3, 1e-9, "ROI is the lineups' mean equity over the fee");
        assertEquals(equity, r.getObjectiveValue(), 1e-9, "equity's objective is the portfolio's expected payout");
        assertTrue(r.getContest().getRandomEntryReturn() < 1);
        assertTrue(r.getLineupsList().stream().allMatch(l -> l.getTailProbability() > 0 && l.getTailProbability() < 1));
    }

    /** The single best lineup by mean equals brute force over all C(36,6) lineups under the cap and vetoes. */
    @Test
    void bestSingleLineupUnderMeanPointsEqualsBruteForce() {
        OptimizeResult r = result(request().setObjective(Objective.OBJECTIVE_MEAN_POINTS).setPortfolioSize(1).build());
        List<Entry> es = spec.getEntriesList();
        Map<String, Double> mean = new HashMap<>();
        r.getProjectionsList().forEach(p -> mean.put(p.getDriverId(), p.getMeanPoints()));
        int n = es.size();
        double best = Double.NEGATIVE_INFINITY;
        int[] idx = new int[6];
        for (idx[0] = 0; idx[0] < n; idx[0]++)
            for (idx[1] = idx[0] + 1; idx[1] < n; idx[1]++)
                for (idx[2] = idx[1] + 1; idx[2] < n; idx[2]++)
                    for (idx[3] = idx[2] + 1; idx[3] < n; idx[3]++)
                        for (idx[4] = idx[3] + 1; idx[4] < n; idx[4]++)
                            for (idx[5] = idx[4] + 1; idx[5] < n; idx[5]++) {
                                int salary = 0;
                                double value = 0;
                                Set<String> ids = new HashSet<>();
                                for (int k : idx) {
                                    salary += es.get(k).getSalary();
                                    value += mean.get(es.get(k).getDriverId());
                                    ids.add(es.get(k).getDriverId());
                                }
                                if (salary <= 50_000 && !ids.containsAll(List.of("bubba-wallace", "tyler-reddick"))) {
                                    best = Math.max(best, value);
                                }
                            }
        assertEquals("OPTIMAL", r.getDiagnostics().getSolverStatus());
        assertEquals(best, r.getLineups(0).getMeanPoints(), 1e-6);
    }

    /**
     * Ownership given in the request replaces the default: spread over the 15 cheapest drivers only (any six of them
     * fit the cap), opponents never go over the cap, and a field of cheap drivers is easier to beat. An opponent
     * salary floor redraws the opponents who spend less.
     */
    @Test
    void ownershipGivenInTheRequestShapesTheField() {
        OptimizeRequest.Builder equity = request().setObjective(Objective.OBJECTIVE_TOURNAMENT_EQUITY).setPortfolioSize(3)
                .setMaxExposure(0.7);
        OptimizeResult byDefault = result(equity.build());
        List<Entry> cheapest = spec.getEntriesList().stream().sorted((x, y) -> Integer.compare(x.getSalary(), y.getSalary()))
                .limit(15).toList();
        assertTrue(cheapest.stream().skip(9).mapToInt(Entry::getSalary).sum() <= spec.getSalaryCap(),
                "any six of the 15 cheapest fit the cap");
        ContestSettings.Builder cheapField = ContestSettings.newBuilder();
        cheapest.forEach(e -> cheapField.addOwnership(ownership(e.getDriverId(), 0.4)));
        OptimizeResult given = result(equity.setContest(cheapField).build());
        Map<String, Integer> rejected = new HashMap<>();
        byDefault.getDiagnostics().getRejectionsList().forEach(r -> rejected.put("default " + r.getReason(), r.getCount()));
        given.getDiagnostics().getRejectionsList().forEach(r -> rejected.put("given " + r.getReason(), r.getCount()));
        assertTrue(rejected.getOrDefault("default field:salary_cap", 0) > 0, rejected.toString());
        assertFalse(rejected.containsKey("given field:salary_cap"), rejected.toString());
        assertTrue(given.getContest().getRoi() > byDefault.getContest().getRoi() + 1,
                "ROI " + given.getContest().getRoi() + " against a cheap field, " + byDefault.getContest().getRoi()
                        + " against the default one");

        OptimizeResult spending = result(equity.setContest(ContestSettings.newBuilder().setOpponentSalaryFloor(49_000))
                .build());
        Map<String, Integer> spendingRejected = new HashMap<>();
        spending.getDiagnostics().getRejectionsList().forEach(r -> spendingRejected.put(r.getReason(), r.getCount()));
        assertTrue(spendingRejected.getOrDefault("field:salary_floor", 0) > 0, spendingRejected.toString());
        assertTrue(spending.getContest().getRoi() != byDefault.getContest().getRoi(), "another field, another contest");
    }

    /**
     * Each lineup's top-X probabilities: P(beat the field's top-1% score) is the tail probability (same threshold by
     * default), the probabilities grow with X, and keys are the fractions and levels as the request wrote them.
     */
    @Test
    void lineupsReportTopFractionProbabilitiesKeyedAsRequested() {
        OptimizeResult byDefault = result(request().setObjective(Objective.OBJECTIVE_TAIL_UPSIDE).setPortfolioSize(4)
                .setMaxExposure(0.75).addReportCvarLevels(0.975).build());
        for (Lineup l : byDefault.getLineupsList()) {
            Map<String, Double> top = l.getTopProbabilityMap();
            assertEquals(Set.of("0.001", "0.01", "0.05"), top.keySet());
            assertEquals(l.getTailProbability(), top.get("0.01"), "the tail threshold is the field's top 1%");
            assertTrue(top.get("0.001") <= top.get("0.01") && top.get("0.01") <= top.get("0.05") && top.get("0.05") < 1,
                    top.toString());
            assertTrue(top.get("0.05") > top.get("0.001"), top.toString());
            assertEquals(Set.of("0.975"), l.getCvarMap().keySet(), "no rounding of a requested level to 0.98");
        }
        OptimizeResult asked = result(request().setObjective(Objective.OBJECTIVE_TAIL_UPSIDE).setPortfolioSize(4)
                .setMaxExposure(0.75).addReportCvarLevels(0.975).addReportTopFractions(0.01).addReportTopFractions(0.02)
                .build());
        assertEquals(byDefault.getLineups(0).getTopProbabilityMap().get("0.01"),
                asked.getLineups(0).getTopProbabilityMap().get("0.01"));
        assertEquals(Set.of("0.01", "0.02"), asked.getLineups(0).getTopProbabilityMap().keySet());
        StatusRuntimeException tooDeep = assertThrows(StatusRuntimeException.class,
                () -> run(request().addReportTopFractions(0.01).addReportTopFractions(0.2).build()));
        assertEquals(List.of("report_top_fractions[1]"), GrpcErrors.badFields(tooDeep));
    }

    /** The explanation names a team at its cap and a driver held at its minimum, not only driver caps. */
    @Test
    void bindingConstraintsNameTeamCapsAndMinimumExposures() {
        List<Entry> cheapestFirst = spec.getEntriesList().stream()
                .sorted((x, y) -> Integer.compare(x.getSalary(), y.getSalary())).toList();
        String longshot = cheapestFirst.get(0).getDriverId();
        OptimizeResult r = result(request().setPortfolioSize(5).setMaxExposure(1)
                .addTeamExposures(TeamExposure.newBuilder().setTeamId("hendrick-motorsports").setMaxExposure(0.2))
                .addDriverExposures(DriverExposure.newBuilder().setDriverId(longshot).setMinExposure(0.6)).build());
        List<String> binding = r.getExplanation().getBindingConstraintsList();
        assertTrue(binding.contains("team exposure: hendrick-motorsports at its cap of 1 of 5 lineups"), binding.toString());
        assertTrue(binding.contains("minimum exposure: " + longshot + " held at its floor of 3 of 5 lineups"),
                binding.toString());
        assertTrue(binding.get(0).startsWith("salary cap: "), binding.toString());
        long withHendrick = r.getLineupsList().stream().filter(l -> l.getDriverIdsList().stream().anyMatch(id ->
                spec.getEntriesList().stream().anyMatch(e -> e.getDriverId().equals(id)
                        && e.getTeamId().equals("hendrick-motorsports")))).count();
        assertEquals(1, withHendrick);
        assertEquals(3, r.getLineupsList().stream().filter(l -> l.getDriverIdsList().contains(longshot)).count());
    }

    private static DriverOwnership ownership(String driverId, double share) {
        return DriverOwnership.newBuilder().setDriverId(driverId).setOwnership(share).build();
    }

    @Test
    void badFieldsAreNamedUnknownSpecOrCalibrationIsNotFoundAndInfeasibleLocksSayByHowMuch() {
        StatusRuntimeException bad = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setScenarioCount(2_000_000).setPortfolioSize(151).setMaxExposure(1.5).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
        assertEquals(List.of("scenario_count", "portfolio_size", "max_exposure"), GrpcErrors.badFields(bad));

        StatusRuntimeException tooManyValidation = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setScenarioCount(600_000).setValidationScenarioCount(500_000).build()));
        assertEquals(List.of("validation_scenario_count"), GrpcErrors.badFields(tooManyValidation));
        StatusRuntimeException fieldTooSmall = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setPortfolioSize(5).setContest(ContestSettings.newBuilder().setFieldSize(3)).build()));
        assertEquals(List.of("contest.field_size"), GrpcErrors.badFields(fieldTooSmall));
        assertTrue(fieldTooSmall.getStatus().getDescription().contains("portfolio_size 5"),
                fieldTooSmall.getStatus().getDescription());
        OptimizeResult justRoom = result(request().setPortfolioSize(5).setObjective(Objective.OBJECTIVE_TOURNAMENT_EQUITY)
                .setContest(ContestSettings.newBuilder().setFieldSize(6)).build());
        assertEquals(5, justRoom.getLineupsCount(), "one opponent is a contest");
        assertTrue(justRoom.getContest().getRandomEntryReturn() < 1);
        StatusRuntimeException ownershipTwice = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setContest(ContestSettings.newBuilder().addOwnership(ownership("alex-bowman", 0.3))
                        .addOwnership(ownership("alex-bowman", 0.1))).build()));
        assertEquals(List.of("contest.ownership[1].driver_id"), GrpcErrors.badFields(ownershipTwice));
        StatusRuntimeException ownershipOfNobody = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setContest(ContestSettings.newBuilder().addOwnership(ownership("nobody", 0.2))).build()));
        assertEquals(List.of("contest.ownership[0].driver_id"), GrpcErrors.badFields(ownershipOfNobody));
        // Ownership only on the seven priciest drivers: no six of them fit the cap, so no opponent can be drawn.
        List<String> sevenPriciest = spec.getEntriesList().stream()
                .sorted((x, y) -> Integer.compare(y.getSalary(), x.getSalary())).limit(7).map(Entry::getDriverId).toList();
        ContestSettings.Builder pricey = ContestSettings.newBuilder();
        sevenPriciest.forEach(id -> pricey.addOwnership(ownership(id, 0.5)));
        StatusRuntimeException noOpponentLineup = assertThrows(StatusRuntimeException.class,
                () -> run(request().setContest(pricey).build()));
        assertEquals(List.of("contest.ownership"), GrpcErrors.badFields(noOpponentLineup));
        StatusRuntimeException floorBelowZero = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setContest(ContestSettings.newBuilder().setOpponentSalaryFloor(-1)).build()));
        assertEquals(List.of("contest.opponent_salary_floor"), GrpcErrors.badFields(floorBelowZero));
        StatusRuntimeException floorOverCap = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setContest(ContestSettings.newBuilder().setOpponentSalaryFloor(60_000)).build()));
        assertEquals(List.of("contest.opponent_salary_floor"), GrpcErrors.badFields(floorOverCap));
        StatusRuntimeException cheapOwnershipDearFloor = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setContest(ContestSettings.newBuilder().setOpponentSalaryFloor(50_000)
                        .addAllOwnership(spec.getEntriesList().stream().sorted((x, y) -> Integer.compare(x.getSalary(),
                                y.getSalary())).limit(8).map(e -> ownership(e.getDriverId(), 0.5)).toList())).build()));
        assertEquals(List.of("contest.ownership", "contest.opponent_salary_floor"),
                GrpcErrors.badFields(cheapOwnershipDearFloor), "either one can be relaxed");
        StatusRuntimeException negativeValidation = assertThrows(StatusRuntimeException.class, () -> run(request()
                .setValidationScenarioCount(-1).build()));
        assertEquals(List.of("validation_scenario_count"), GrpcErrors.badFields(negativeValidation));

        StatusRuntimeException unknownDriver = assertThrows(StatusRuntimeException.class,
                () -> run(request().addLockedDriverIds("nobody").build()));
        assertEquals(List.of("locked_driver_ids[0]"), GrpcErrors.badFields(unknownDriver));

        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> run(request().setSpecId("f".repeat(64)).build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        // An unknown calibration is refused before any progress message, and names the calibration it looked for.
        Iterator<OptimizeResponse> uncalibrated = OptimizerServiceGrpc.newBlockingStub(channel())
                .withDeadlineAfter(120, TimeUnit.SECONDS)
                .optimize(request().setCalibrationId("e".repeat(64)).build());
        StatusRuntimeException unknownCalibration = assertThrows(StatusRuntimeException.class, uncalibrated::next);
        assertEquals(Status.Code.NOT_FOUND, unknownCalibration.getStatus().getCode());
        assertEquals("e".repeat(64), GrpcErrors.detail(unknownCalibration, ResourceInfo.class)
                .orElseThrow().getResourceName());

        List<String> priciest = spec.getEntriesList().stream()
                .sorted((x, y) -> Integer.compare(y.getSalary(), x.getSalary())).limit(6).map(Entry::getDriverId).toList();
        // Refused before any simulation: the stream's first message is the error, not a progress report.
        Iterator<OptimizeResponse> stream = OptimizerServiceGrpc.newBlockingStub(channel())
                .withDeadlineAfter(120, TimeUnit.SECONDS)
                .optimize(request().addAllLockedDriverIds(priciest).setScenarioCount(1_000_000).build());
        StatusRuntimeException infeasible = assertThrows(StatusRuntimeException.class, stream::next);
        assertEquals(Status.Code.FAILED_PRECONDITION, infeasible.getStatus().getCode());
        PreconditionFailure.Violation overCap = GrpcErrors.preconditionViolations(infeasible).get(0);
        assertEquals("salary_cap", overCap.getSubject());
        assertTrue(overCap.getDescription().contains("over the cap"), overCap.getDescription());
    }

    /** A cancelled job frees the (single-threaded) compute pool: the next call is served. */
    @Test
    void cancellationStopsTheJob() throws Exception {
        Context.CancellableContext ctx = Context.current().withCancellation();
        Iterator<OptimizeResponse>[] stream = new Iterator[1];
        ctx.run(() -> stream[0] = OptimizerServiceGrpc.newBlockingStub(channel())
                .optimize(request().setScenarioCount(1_000_000).setPortfolioSize(150).build()));
        // Cancel in the middle of the simulation (the server logs how long the job took to stop).
        OptimizeResponse progress;
        do {
            progress = stream[0].next();
        } while (progress.hasProgress() && progress.getProgress().getFractionDone() < 0.1);
        ctx.cancel(null);
        OptimizeResult next = result(request().setScenarioCount(500).build());
        assertEquals(1, next.getLineupsCount());
    }

    @Test
    void theJavaClientSampleRunsAgainstTheServer() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = OptimizeDemo.run(channel(), 3, Objective.OBJECTIVE_TAIL_UPSIDE);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("salary") && out.contains("JOB_PHASE_SIMULATING"), out);
        assertEquals(3, out.lines().filter(l -> l.matches("^[1-3] +\\d{5}.*")).count(), out);
        assertTrue(out.contains("out of sample (10000 fresh scenarios)"), out);
    }

    /** The Python sample (no generated code: the build's descriptor set) against the same server. */
    @Test
    void thePythonClientSampleRunsAgainstTheServer() throws Exception {
        channel();
        Path script = Path.of("..", "client-samples", "python", "optimize_demo.py").toAbsolutePath().normalize();
        String out = SystemPython.run(script.toString(), "--target", "127.0.0.1:" + port, "--lineups", "3");
        assertTrue(out.contains("JOB_PHASE_SELECTING") && out.contains("salary"), out);
        assertEquals(3, out.lines().filter(l -> l.matches("^[1-3] +\\d{5}.*")).count(), out);
        assertTrue(out.contains("out of sample (10000 fresh scenarios)"), out);
    }
}
