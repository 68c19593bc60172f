package dev.iovasim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GrowthFitTest {
    @Test
    void exactLineIsRecovered() {
        GrowthFit f = GrowthFit.of(new double[] {16, 32, 64, 128}, new double[] {35, 67, 131, 259});
        assertEquals(2.0, f.slope(), 1e-12);
        assertEquals(3.0, f.intercept(), 1e-12);
        assertEquals(1.0, f.r2(), 1e-12);
        assertEquals(4, f.n());
        assertTrue(f.powerR2() < 1, "a line with an intercept is not a power law");
        assertTrue(f.quality().startsWith("good: linear fits best"), f.quality());
    }

    @Test
    void exactPowerLawIsRecovered() {
        // y = 3·x^1.5
        double[] x = {4, 16, 64, 256};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 3 * Math.pow(x[i], 1.5);
        GrowthFit f = GrowthFit.of(x, y);
        assertEquals(1.5, f.exponent(), 1e-12);
        assertEquals(3.0, f.coefficient(), 1e-9);
        assertEquals(1.0, f.powerR2(), 1e-12);
        assertTrue(f.r2() < 1);
        assertEquals("good: power law fits best, superlinear (x^1.50)", f.quality());
    }

    @Test
    void scatteredPointsGiveTheTextbookAnswer() {
        // mean 2.5 each; Sxy = 4, Sxx = 5, Syy = 5: slope 0.8, intercept 0.5, R² = 16/25
        GrowthFit f = GrowthFit.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4});
        assertEquals(0.8, f.slope(), 1e-12);
        assertEquals(0.5, f.intercept(), 1e-12);
        assertEquals(0.64, f.r2(), 1e-12);
    }

    @Test
    void aZeroLeavesOnlyTheLine() {
        GrowthFit f = GrowthFit.of(new double[] {1, 2, 3}, new double[] {0, 2, 4});
        assertEquals(2.0, f.slope(), 1e-12);
        assertTrue(Double.isNaN(f.exponent()) && Double.isNaN(f.powerR2()));
        assertTrue(f.quality().startsWith("good: linear fits best"), f.quality());
    }

    @Test
    void repeatsAtTheSameXAreFittedThroughTheirMean() {
        GrowthFit f = GrowthFit.of(new double[] {1, 1, 3, 3}, new double[] {0, 2, 4, 6});
        assertEquals(2.0, f.slope(), 1e-12);
        assertEquals(-1.0, f.intercept(), 1e-12);
        assertEquals(0.8, f.r2(), 1e-12);
        assertEquals(2, f.distinctX());
        assertTrue(f.quality().startsWith("two x values only"));
    }

    @Test
    void oneXValueDeterminesNoLine() {
        assertNull(GrowthFit.of(new double[] {8, 8}, new double[] {1, 2}));
    }
}
