package slipstream.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.NotFoundException;
import slipstream.server.error.PermissionDeniedException;

/** Ingest against DuckDB directly: schemas, validation with row reasons, atomicity, snapshot ids, paths. */
class TelemetryIngestTest {

    private final TelemetryFixture fx = new TelemetryFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private static final String HEADER = "season,race,race_date,track,archetype,race_laps,driver,team,start,finish,"
            + "laps_led,status,dnf";

    /** A valid 3-car race plus whatever rows the test appends. */
    private static String race(String... extra) {
        List<String> lines = new ArrayList<>(List.of(HEADER,
                "2023,1,2023-02-19T14:30:00,Daytona,superspeedway,200,Ricky Stenhouse Jr.,JTG,3,1,3,running,0",
                "2023,1,2023-02-19T14:30:00,Daytona,superspeedway,200,Joey Logano,Team Penske,2,2,50,running,0",
                "2023,1,2023-02-19T14:30:00,Daytona,superspeedway,200,Chase Elliott,Hendrick,1,3,147,accident,1"));
        lines.addAll(List.of(extra));
        return String.join("\n", lines) + "\n";
    }

    @Test
    void bundledResultsIngestOnceAndAgainIsANoOpWithTheSameId() throws IOException {
        String name = fx.copyIn(TelemetryFixture.bundled("cup_results_2022_2023.csv"), "results.csv");
        var first = fx.ingest.ingest(name, TelemetrySchema.RESULTS, 0);
        assertTrue(first.created());
        assertEquals(2642, first.rowCount());
        assertEquals(List.of(2022, 2023), first.seasons());
        assertEquals(64, first.snapshotId().length());
        assertEquals("snapshots/" + first.snapshotId() + ".parquet", first.parquetPath());
        Path parquet = fx.dataDir.resolve(first.parquetPath());
        assertTrue(Files.isRegularFile(parquet));
        assertEquals(2642, fx.count("SELECT count(*) FROM read_parquet('" + parquet + "')"));
        // The ontology's ids: slugs of names.
        assertEquals(1, fx.count("SELECT count(DISTINCT driver_id) FROM telemetry_results "
                + "WHERE driver = 'Martin Truex Jr.' AND driver_id = 'martin-truex-jr'"));
        assertEquals(1, fx.count("SELECT count(DISTINCT driver_id) FROM telemetry_results "
                + "WHERE driver = 'A.J. Allmendinger' AND driver_id = 'a-j-allmendinger'"));
        // Archetypes normalised to the ontology's names.
        assertEquals(0, fx.count("SELECT count(*) FROM telemetry_results WHERE archetype NOT IN "
                + "('SUPERSPEEDWAY', 'INTERMEDIATE', 'SHORT_TRACK', 'ROAD_COURSE')"));

        var again = fx.ingest.ingest(name, TelemetrySchema.RESULTS, 0);
        assertFalse(again.created());
        assertEquals(first.snapshotId(), again.snapshotId());
        assertEquals(2642, fx.count("SELECT count(*) FROM telemetry_results"));
        assertEquals(1, fx.store.list(0, 10).size());

        // Same rows in another order and another format: same content, same id.
        List<String> lines = new ArrayList<>(Files.readAllLines(fx.dataDir.resolve(name)));
        String header = lines.remove(0);
        Collections.shuffle(lines, new Random(7));
        lines.add(0, header);
        Files.write(fx.dataDir.resolve("shuffled.csv"), lines);
        assertEquals(first.snapshotId(), fx.ingest.ingest("shuffled.csv", TelemetrySchema.RESULTS, 0).snapshotId());
        fx.db.read(c -> {
            c.createStatement().execute("COPY (SELECT * FROM read_csv('" + fx.dataDir.resolve(name)
                    + "', all_varchar = true)) TO '" + fx.dataDir.resolve("same.parquet") + "' (FORMAT parquet)");
            return null;
        });
        var parquetIngest = fx.ingest.ingest("same.parquet", TelemetrySchema.RESULTS, 0);
        assertFalse(parquetIngest.created());
        assertEquals(first.snapshotId(), parquetIngest.snapshotId());
        assertEquals(1, fx.count("SELECT count(*) FROM telemetry_snapshots"));
    }

    @Test
    void loopAndLapFilesIngestUnderTheirKinds() {
        fx.loadBundled();
        var laps = fx.ingest.ingestLocal(TelemetryFixture.bundled("f1_2024_round1_laps.csv"), null);
        assertEquals(1129, laps.rowCount());
        assertEquals(List.of(), laps.seasons());
        var list = fx.store.list(0, 10);
        assertEquals(List.of(TelemetrySchema.LAPS, TelemetrySchema.LOOP, TelemetrySchema.RESULTS),
                list.stream().map(TelemetryStore.SnapshotInfo::kind).toList());
        assertEquals(2642, fx.count("SELECT count(*) FROM telemetry_loop_current"));
        // Loop fastest laps: per race they sum to the green-flag laps, so at most the race's laps.
        assertEquals(0, fx.count("""
                SELECT count(*) FROM (SELECT season, race, sum(fastest_lap) AS fl FROM telemetry_loop GROUP BY ALL) l
                JOIN (SELECT DISTINCT season, race, race_laps FROM telemetry_results) r USING (season, race)
                WHERE l.fl > r.race_laps OR l.fl < 0.5 * r.race_laps"""));
        // Every loop row matches a result row by driver id (names were respelled where punctuation differed).
        assertEquals(0, fx.count("SELECT count(*) FROM telemetry_loop l ANTI JOIN telemetry_results r "
                + "USING (season, race, driver_id)"));
    }

    @Test
    void badValuesAreListedByRowWithReasonsAndNothingIsStored() {
        String name = fx.write("bad.csv", race(
                "2023,1,2023-02-19T14:30:00,Daytona,superspeedway,200,Joey Logano,Team Penske,4,4,0,running,0",
                "2023,1,2023-02-19T14:30:00,Daytona,superspeedway,200,Kyle Busch,RCR,abc,45,250,running,0",
                "2023,1,2023-02-19T14:30:00,Daytona,oval,200,,RCR,6,5,0,running,2"));
        var e = assertThrows(InvalidArgumentException.class,
                () -> fx.ingest.ingest(name, TelemetrySchema.RESULTS, 0));
        List<String> fields = e.violations().stream().map(FieldViolation::field).toList();
        assertEquals("path", fields.get(0));
        assertTrue(e.violations().get(0).description().contains("3 bad row(s)"), e.getMessage());
        assertTrue(fields.contains("rows[4].driver"), fields.toString());      // duplicate (race, driver)
        assertTrue(fields.contains("rows[5].start"), fields.toString());       // not an integer
        assertTrue(fields.contains("rows[5].finish"), fields.toString());      // 45 outside 1..6
        assertTrue(fields.contains("rows[5].laps_led"), fields.toString());    // 250 > 200 race laps
        assertTrue(fields.contains("rows[6].archetype"), fields.toString());
        assertTrue(fields.contains("rows[6].driver"), fields.toString());      // empty, required
        assertTrue(fields.contains("rows[6].dnf"), fields.toString());
        String finish = e.violations().stream().filter(v -> v.field().equals("rows[5].finish")).findFirst()
                .orElseThrow().description();
        assertTrue(finish.contains("finish 45 is outside 1..6"), finish);
        String dup = e.violations().stream().filter(v -> v.field().equals("rows[4].driver")).findFirst()
                .orElseThrow().description();
        assertTrue(dup.contains("joey-logano") && dup.contains("rows[2]"), dup);
        assertTrue(fx.store.isEmpty());
        assertEquals(0, fx.count("SELECT count(*) FROM telemetry_results"));
        assertFalse(Files.exists(fx.dataDir.resolve("snapshots")));

        // The report is capped at the requested number of bad rows.
        var capped = assertThrows(InvalidArgumentException.class,
                () -> fx.ingest.ingest(name, TelemetrySchema.RESULTS, 1));
        assertTrue(capped.violations().stream().skip(1).allMatch(v -> v.field().startsWith("rows[4].")));
    }

    @Test
    void wrongOrMissingColumnsAreRejectedNamingThem() {
        String name = fx.write("cols.csv", "season,race,race_date,track,archetype,race_laps,driver,team,start,"
                + "finish,laps_led,status,colour\n2023,1,2023-02-19T14:30:00,D,short,200,A,B,1,1,0,running,red\n");
        var e = assertThrows(InvalidArgumentException.class, () -> fx.ingest.ingest(name, TelemetrySchema.RESULTS, 0));
        String all = e.getMessage();
        assertTrue(all.contains("unknown column 'colour'"), all);
        assertTrue(all.contains("lacks required column 'dnf'"), all);
        assertEquals(List.of("path", "path"), e.violations().stream().map(FieldViolation::field).toList());

        var kind = assertThrows(InvalidArgumentException.class, () -> fx.ingest.ingest(name, null, 0));
        assertEquals("kind", kind.violations().get(0).field());
        var ext = assertThrows(InvalidArgumentException.class,
                () -> fx.ingest.ingest(fx.write("x.txt", "a\n1\n"), TelemetrySchema.RESULTS, 0));
        assertEquals("path", ext.violations().get(0).field());
        var empty = assertThrows(InvalidArgumentException.class,
                () -> fx.ingest.ingest(fx.write("empty.csv", HEADER + "\n"), TelemetrySchema.RESULTS, 0));
        assertTrue(empty.getMessage().contains("no rows"), empty.getMessage());
    }

    @Test
    void aFailureAfterTheRowsAreWrittenRollsTheWholeFileBack() throws IOException {
        // The Parquet export is the last step inside the transaction; make it fail.
        Files.writeString(fx.dataDir.resolve("snapshots"), "a file where the snapshots folder should be");
        String name = fx.write("ok.csv", race());
        assertThrows(RuntimeException.class, () -> fx.ingest.ingest(name, TelemetrySchema.RESULTS, 0));
        assertEquals(0, fx.count("SELECT count(*) FROM telemetry_results"));
        assertTrue(fx.store.isEmpty());
        Files.delete(fx.dataDir.resolve("snapshots"));
        assertTrue(fx.ingest.ingest(name, TelemetrySchema.RESULTS, 0).created());
        assertEquals(3, fx.count("SELECT count(*) FROM telemetry_results"));
    }

    @Test
    void pathsMustStayInsideTheDataRoot() throws IOException {
        Path outside = Files.createTempFile("outside-", ".csv");
        Files.writeString(outside, race());
        assertThrows(PermissionDeniedException.class,
                () -> fx.ingest.ingest("../" + outside.getFileName(), TelemetrySchema.RESULTS, 0));
        assertThrows(PermissionDeniedException.class,
                () -> fx.ingest.ingest(outside.toString(), TelemetrySchema.RESULTS, 0));
        Files.createSymbolicLink(fx.dataDir.resolve("link.csv"), outside);
        assertThrows(PermissionDeniedException.class, () -> fx.ingest.ingest("link.csv", TelemetrySchema.RESULTS, 0));
        Files.createDirectories(fx.dataDir.resolve("sub"));
        assertThrows(PermissionDeniedException.class,
                () -> fx.ingest.ingest("sub/../../x.csv", TelemetrySchema.RESULTS, 0));
        assertThrows(NotFoundException.class, () -> fx.ingest.ingest("missing.csv", TelemetrySchema.RESULTS, 0));
        // A link that stays inside the root is fine.
        fx.write("inside.csv", race());
        Files.createSymbolicLink(fx.dataDir.resolve("sub/inside-link.csv"), fx.dataDir.resolve("inside.csv"));
        assertTrue(fx.ingest.ingest("sub/inside-link.csv", TelemetrySchema.RESULTS, 0).created());
        Files.delete(outside);
    }

    @Test
    void aLaterSnapshotSupersedesWholeRacesAndAddsNewOnes() {
        assertEquals(0, fx.store.latestSequence());
        var first = fx.ingest.ingest(fx.write("a.csv", race()), TelemetrySchema.RESULTS, 0);
        long afterFirst = fx.store.latestSequence();
        assertTrue(afterFirst > 0, "caches of derived data key on this: it must move with new telemetry");
        fx.ingest.ingest(fx.write("a-again.csv", race()), TelemetrySchema.RESULTS, 0);
        assertEquals(afterFirst, fx.store.latestSequence(), "the same rows again change nothing");
        String corrected = race().replace("Chase Elliott,Hendrick,1,3,147,accident,1", "Chase Elliott,Hendrick,1,3,147,running,0")
                + "2023,2,2023-02-26T15:30:00,Fontana,intermediate,200,Joey Logano,Team Penske,1,1,200,running,0\n";
        var second = fx.ingest.ingest(fx.write("b.csv", corrected), TelemetrySchema.RESULTS, 0);
        assertTrue(!first.snapshotId().equals(second.snapshotId()));
        assertTrue(fx.store.latestSequence() > afterFirst);
        assertEquals(7, fx.count("SELECT count(*) FROM telemetry_results"));
        assertEquals(4, fx.count("SELECT count(*) FROM telemetry_results_current"));
        assertEquals(0, fx.count("SELECT count(*) FROM telemetry_results_current WHERE dnf"));
    }

    @Test
    void slugsMatchTheOntologyRule() {
        assertEquals("martin-truex-jr", DriverIds.slug("Martin Truex Jr."));
        assertEquals("a-j-allmendinger", DriverIds.slug("A.J. Allmendinger"));
        assertEquals("daniel-su-rez", DriverIds.slug("Daniel Suárez"));
        assertEquals("23xi-racing", DriverIds.slug("  23XI Racing!"));
        fx.ingest.ingest(fx.write("s.csv", race()), TelemetrySchema.RESULTS, 0);
        assertEquals(1, fx.count("SELECT count(*) FROM telemetry_results WHERE driver_id = '"
                + DriverIds.slug("Ricky Stenhouse Jr.") + "'"));
    }
}
