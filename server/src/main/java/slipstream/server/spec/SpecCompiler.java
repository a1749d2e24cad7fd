package slipstream.server.spec;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.Value;
import slipstream.server.error.FailedPreconditionException;

/**
 * Validates a slate as read from the ontology and compiles it into a {@link ConstraintSpec}. Every problem
 * is collected (missing or ill-typed properties, duplicate drivers, salaries out of range, a roster that
 * cannot be filled under the cap) and reported together as one FAILED_PRECONDITION.
 */
@Singleton
public class SpecCompiler {

    static final Set<String> ARCHETYPES = Set.of("SUPERSPEEDWAY", "INTERMEDIATE", "SHORT_TRACK", "ROAD_COURSE");
    static final Set<String> VETO_KINDS = Set.of("NOT_TOGETHER", "EXCLUDED");

    public ConstraintSpec compile(OntologyReader.SlateRead read) {
        PropertyCheck check = new PropertyCheck();
        String slateNode = "Slate(" + read.slateId() + ")";
        Map<String, Value> s = read.slate();
        String name = check.text(s, slateNode, "name");
        String raceDate = check.text(s, slateNode, "raceDate");
        if (!raceDate.isEmpty()) {
            try {
                LocalDate.parse(raceDate);
            } catch (DateTimeParseException e) {
                check.fail(slateNode + ".raceDate", "not an ISO date (yyyy-mm-dd): " + raceDate);
            }
        }
        int raceLaps = positive(check, s, slateNode, "raceLaps");
        int cap = positive(check, s, slateNode, "salaryCap");
        int roster = check.integer(s, slateNode, "rosterSize");
        if (s.containsKey("rosterSize") && (roster < 1 || roster > 10)) {
            check.fail(slateNode + ".rosterSize", "must be 1..10, is " + roster);
        }

        ConstraintSpec.Track track = track(check, read, slateNode);
        ConstraintSpec.ScoringRules scoring = scoring(check, read, slateNode);
        List<ConstraintSpec.Entry> entries = new ArrayList<>();
        Map<String, String> teamNames = new TreeMap<>();
        Map<String, List<String>> entryNodesByDriver = new LinkedHashMap<>();
        for (Value raw : read.entries()) {
            String node = "Entry(" + raw.get("node").asString() + ")";
            Map<String, Value> props = raw.get("props").asMap(v -> v);
            List<Value> drivers = raw.get("drivers").asList(v -> v);
            List<Value> teams = raw.get("teams").asList(v -> v);
            if (drivers.size() != 1) {
                check.fail(node, "must be linked -[:OF]-> exactly one Driver, found " + drivers.size());
                continue;
            }
            Map<String, Value> driver = drivers.get(0).asMap(v -> v);
            String driverId = check.text(driver, node + "-[:OF]->Driver", "id");
            node = "Entry(driver=" + driverId + ")";
            String driverName = check.text(driver, "Driver(" + driverId + ")", "name");
            String teamId = "";
            if (teams.size() != 1) {
                check.fail(node, "must be linked -[:FOR]-> exactly one Team, found " + teams.size());
            } else {
                Map<String, Value> team = teams.get(0).asMap(v -> v);
                teamId = check.text(team, node + "-[:FOR]->Team", "id");
                teamNames.put(teamId, check.text(team, "Team(" + teamId + ")", "name"));
            }
            int salary = check.integer(props, node, "salary");
            if (props.containsKey("salary") && cap > 0 && (salary < 1 || salary > cap)) {
                check.fail(node + ".salary", "out of range: " + salary + " (must be 1.." + cap + ")");
            }
            String car = check.text(props, node, "carNumber");
            int start = props.containsKey("startPosition") && !props.get("startPosition").isNull()
                    ? check.integer(props, node, "startPosition") : 0;
            if (start < 0 || start > read.entries().size()) {
                check.fail(node + ".startPosition", "must be 1.." + read.entries().size() + " (or absent), is " + start);
            }
            String sitePlayerId = check.optionalText(props, node, "sitePlayerId");
            entryNodesByDriver.computeIfAbsent(driverId, k -> new ArrayList<>()).add(raw.get("node").asString());
            entries.add(new ConstraintSpec.Entry(driverId, driverName, teamId, car, salary, start, sitePlayerId));
        }
        entryNodesByDriver.forEach((driverId, nodes) -> {
            if (nodes.size() > 1) {
                check.fail("Entry(driver=" + driverId + ")", "driver entered " + nodes.size()
                        + " times in slate " + read.slateId() + " (entry nodes " + String.join(", ", nodes) + ")");
            }
        });
        List<ConstraintSpec.Veto> vetoes = vetoes(check, read);
        if (check.violations().isEmpty()) {
            rosterCanBeFilled(check, slateNode, entries, vetoes, cap, roster);
        }
        if (!check.violations().isEmpty()) {
            throw new FailedPreconditionException("ONTOLOGY_INVALID",
                    "slate '" + read.slateId() + "' cannot be compiled: " + check.violations().size()
                            + " problem(s) in the ontology; fix the listed nodes and properties, then compile again",
                    check.violations());
        }
        entries.sort(Comparator.comparing(ConstraintSpec.Entry::driverId));
        List<ConstraintSpec.Team> teams = teamNames.entrySet().stream()
                .map(e -> new ConstraintSpec.Team(e.getKey(), e.getValue())).toList();
        ConstraintSpec spec = new ConstraintSpec("", read.slateId(), name, raceDate, track, raceLaps, cap, roster,
                scoring, entries, teams, vetoes);
        return spec.withId(CanonicalForm.contentId(spec));
    }

    private static int positive(PropertyCheck check, Map<String, Value> props, String node, String property) {
        int value = check.integer(props, node, property);
        if (props.containsKey(property) && props.get(property).hasType(
                org.neo4j.driver.types.TypeSystem.getDefault().INTEGER()) && value <= 0) {
            check.fail(node + "." + property, "must be > 0, is " + value);
        }
        return value;
    }

    private static ConstraintSpec.Track track(PropertyCheck check, OntologyReader.SlateRead read, String slateNode) {
        if (read.tracks().size() != 1) {
            check.fail(slateNode, "must be linked -[:AT]-> exactly one Track, found " + read.tracks().size());
            return new ConstraintSpec.Track("", "", 0, "", "", 0);
        }
        Map<String, Value> t = read.tracks().get(0).asMap(v -> v);
        String id = check.text(t, slateNode + "-[:AT]->Track", "id");
        String node = "Track(" + id + ")";
        double length = check.number(t, node, "lengthMiles");
        if (t.containsKey("lengthMiles") && length <= 0) {
            check.fail(node + ".lengthMiles", "must be > 0, is " + length);
        }
        String archetype = check.text(t, node, "archetype");
        if (!archetype.isEmpty() && !ARCHETYPES.contains(archetype)) {
            check.fail(node + ".archetype", "must be one of " + ARCHETYPES + ", is " + archetype);
        }
        return new ConstraintSpec.Track(id, check.text(t, node, "name"), length, check.text(t, node, "surface"),
                archetype, positive(check, t, node, "scheduledLaps"));
    }

    private static ConstraintSpec.ScoringRules scoring(PropertyCheck check, OntologyReader.SlateRead read,
                                                        String slateNode) {
        if (read.scorings().size() != 1) {
            check.fail(slateNode, "must be linked -[:SCORED_BY]-> exactly one ScoringTable, found "
                    + read.scorings().size());
            return new ConstraintSpec.ScoringRules("", List.of(), 0, 0, 0);
        }
        Map<String, Value> sc = read.scorings().get(0).asMap(v -> v);
        String id = check.text(sc, slateNode + "-[:SCORED_BY]->ScoringTable", "id");
        String node = "ScoringTable(" + id + ")";
        List<Double> finish = check.numbers(sc, node, "finishPoints");
        if (sc.containsKey("finishPoints") && finish.isEmpty()) {
            check.fail(node + ".finishPoints", "must list at least one place");
        }
        return new ConstraintSpec.ScoringRules(id, finish, check.number(sc, node, "placeDifferentialPoints"),
                check.number(sc, node, "lapLedPoints"), check.number(sc, node, "fastestLapPoints"));
    }

    private static List<ConstraintSpec.Veto> vetoes(PropertyCheck check, OntologyReader.SlateRead read) {
        List<ConstraintSpec.Veto> vetoes = new ArrayList<>();
        for (Value raw : read.vetoes()) {
            Map<String, Value> props = raw.get("props").asMap(v -> v);
            String id = check.text(props, "VetoRule", "id");
            String node = "VetoRule(" + id + ")";
            String kind = check.text(props, node, "kind");
            List<String> drivers = raw.get("drivers").asList(Value::asString).stream().sorted().toList();
            if (!kind.isEmpty() && !VETO_KINDS.contains(kind)) {
                check.fail(node + ".kind", "must be one of " + VETO_KINDS + ", is " + kind);
            } else if ("NOT_TOGETHER".equals(kind) && drivers.size() < 2) {
                check.fail(node, "NOT_TOGETHER must name at least two drivers via -[:NAMES]->, names " + drivers.size());
            } else if ("EXCLUDED".equals(kind) && drivers.size() != 1) {
                check.fail(node, "EXCLUDED must name exactly one driver via -[:NAMES]->, names " + drivers.size());
            }
            vetoes.add(new ConstraintSpec.Veto(id, kind, drivers, check.optionalText(props, node, "reason")));
        }
        vetoes.sort(Comparator.comparing(ConstraintSpec.Veto::ruleId));
        return vetoes;
    }

    /** The cheapest eligible roster must fit under the cap; EXCLUDED vetoes remove drivers first. */
    private static void rosterCanBeFilled(PropertyCheck check, String slateNode, List<ConstraintSpec.Entry> entries,
                                          List<ConstraintSpec.Veto> vetoes, int cap, int roster) {
        Set<String> excluded = new java.util.HashSet<>();
        vetoes.stream().filter(v -> v.kind().equals("EXCLUDED")).forEach(v -> excluded.addAll(v.driverIds()));
        int[] salaries = entries.stream().filter(e -> !excluded.contains(e.driverId()))
                .mapToInt(ConstraintSpec.Entry::salary).sorted().toArray();
        if (salaries.length < roster) {
            check.fail(slateNode + ".rosterSize", "roster of " + roster + " cannot be filled: only "
                    + salaries.length + " eligible entries");
            return;
        }
        long cheapest = 0;
        for (int i = 0; i < roster; i++) {
            cheapest += salaries[i];
        }
        if (cheapest > cap) {
            check.fail(slateNode + ".salaryCap", "roster cannot be filled under the cap: the " + roster
                    + " cheapest eligible entries cost " + cheapest + ", over the cap of " + cap + " by " + (cheapest - cap));
        }
    }
}
