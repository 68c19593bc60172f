package dev.iovasim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The before/after ratios of a scenario's figures: for each figure, its value over the same
 * metric's value under the first (before) kernel, simulated and published, and the ratio of the
 * two ratios (1 = the simulation moves exactly as the report did; the direction agrees when both
 * ratios are on the same side of 1).
 *
 * @param simulated      simulated value / simulated value of the before kernel, or null for the before kernel itself
 * @param published      the same for the published values, or null when either is missing
 * @param ratioOfRatios  simulated / published ratio, or null when either is missing
 */
public record Ratios(Double simulated, Double published, Double ratioOfRatios) {
    static final Ratios NONE = new Ratios(null, null, null);

    /** The ratios of each figure in {@code figures}, in the same order. */
    public static Map<Figure, Ratios> of(List<Figure> figures) {
        Map<String, Figure> before = new LinkedHashMap<>();
        Map<Figure, Ratios> out = new LinkedHashMap<>();
        for (Figure f : figures) {
            Figure b = before.putIfAbsent(f.metric(), f);
            if (b == null) {
                out.put(f, NONE);
                continue;
            }
            Double sim = ratio(f.simulated(), b.simulated());
            Double pub = f.published() == null || b.published() == null ? null : ratio(f.published(), b.published());
            Double rr = sim == null || pub == null ? null : ratio(sim, pub);
            out.put(f, new Ratios(sim, pub, rr));
        }
        return out;
    }

    /** Whether the simulated and published ratios point the same way (both above, both below or both at 1). */
    public boolean sameDirection() {
        return simulated != null && published != null && Math.signum(simulated - 1) == Math.signum(published - 1);
    }

    private static Double ratio(double a, double b) {
        return b == 0 ? null : a / b;
    }
}
