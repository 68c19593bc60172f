package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearFitTest {
    @Test
    void exactLineIsRecovered() {
        LinearFit f = LinearFit.of(new double[] {16, 32, 64, 128}, new double[] {35, 67, 131, 259});
        assertEquals(2.0, f.slope(), 1e-12);
        assertEquals(3.0, f.intercept(), 1e-12);
        assertEquals(1.0, f.r2(), 1e-12);
        assertEquals(4, f.n());
        assertTrue(f.quality().startsWith("good"));
    }

    @Test
    void scatteredPointsGiveTheTextbookAnswer() {
        // mean 2.5 each; Sxy = 4, Sxx = 5, Syy = 5: slope 0.8, intercept 0.5, R² = 16/25
        LinearFit f = LinearFit.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4});
        assertEquals(0.8, f.slope(), 1e-12);
        assertEquals(0.5, f.intercept(), 1e-12);
        assertEquals(0.64, f.r2(), 1e-12);
        assertTrue(f.quality().startsWith("weak"));
    }

    @Test
    void repeatsAtTheSameXAreFittedThroughTheirMean() {
        LinearFit f = LinearFit.of(new double[] {1, 1, 3, 3}, new double[] {0, 2, 4, 6});
        assertEquals(2.0, f.slope(), 1e-12);
        assertEquals(-1.0, f.intercept(), 1e-12);
        assertEquals(0.8, f.r2(), 1e-12);
        assertEquals(2, f.distinctX());
        assertTrue(f.quality().startsWith("two x values only"));
    }

    @Test
    void oneXValueDeterminesNoLine() {
        assertNull(LinearFit.of(new double[] {8, 8}, new double[] {1, 2}));
    }
}
