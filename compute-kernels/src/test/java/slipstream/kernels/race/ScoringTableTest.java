package slipstream.kernels.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTableTest {

    /** One real 2023 line: start, finish, laps led, fastest laps and its hand-computed DraftKings points. */
    record Line(String driver, int start, int finish, int lapsLed, int fastestLaps, double points) {}

    static List<Line> lines2023() throws IOException {
        List<Line> out = new ArrayList<>();
        try (var in = ScoringTableTest.class.getResourceAsStream("/race/dk_2023_lines.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.startsWith("#") && !l.startsWith("season")).forEach(l -> {
                String[] f = l.split(",");
                out.add(new Line(f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                        Integer.parseInt(f[7]), Double.parseDouble(f[8])));
            });
        }
        return out;
    }

    @Test
    void matchesHandComputedLinesFrom2023() throws IOException {
        List<Line> lines = lines2023();
        assertEquals(7, lines.size());
        for (Line l : lines) {
            assertEquals(l.points(), ScoringTable.DRAFTKINGS_CLASSIC.points(l.start(), l.finish(), l.lapsLed(),
                    l.fastestLaps()), 1e-9, l.driver());
        }
    }

    @Test
    void tableIsTheDesignTable() {
        double[] p = ScoringTable.DRAFTKINGS_CLASSIC.finishPoints();
        assertEquals(40, p.length);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        // 45 + 42 + (41 + ... + 1 without 33, 22, 11) = 87 + 861 - 66
        assertEquals(882, sum);
        assertEquals(1, p[39]);
        assertEquals(34, p[9]);
        assertEquals(32, p[10]);
    }

    @Test
    void rejectsPlacesOutsideTheTable() {
        assertThrows(IllegalArgumentException.class, () -> ScoringTable.DRAFTKINGS_CLASSIC.points(1, 41, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ScoringTable.DRAFTKINGS_CLASSIC.points(1, 0, 0, 0));
    }
}
