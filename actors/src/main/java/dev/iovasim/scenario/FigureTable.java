package dev.iovasim.scenario;

import java.util.Locale;
import java.util.Map;

/**
 * A scenario's result as a text table: its size and how the reported machine was scaled down to
 * it; per metric, one row per kernel with the simulated and the published value, then the
 * after/before ratios and the ratio of the two; then the sources, the notes and the files written.
 */
public final class FigureTable {
    private FigureTable() {
    }

    public static String render(ScenarioResult r) {
        StringBuilder b = new StringBuilder();
        Scenario s = r.scenario();
        b.append(s.name()).append(": ").append(s.title()).append('\n');
        b.append("size: ").append(String.format(Locale.ROOT, "%,d", r.size())).append(' ').append(s.sizeUnit())
                .append(" (reference engine, simulated clock)\n");
        // how the reported machine was scaled down to this run: without it the figures lack their setting
        b.append("scaled: ").append(s.scaling()).append("\n\n");
        String fmt = "%-34s %-48s %14s %14s  %s%n";
        b.append(String.format(Locale.ROOT, fmt, "metric", "kernel", "simulated", "published", "unit"));
        Map<Figure, Ratios> ratios = Ratios.of(r.figures());
        String last = null;
        for (Figure f : r.figures()) {
            boolean first = !f.metric().equals(last);
            last = f.metric();
            String unit = f.unit() + (f.publishedUnit() == null || f.publishedUnit().equals(f.unit()) ? "" : "; published: " + f.publishedUnit());
            b.append(String.format(Locale.ROOT, fmt, first ? f.metric() : "", f.kernel(), number(f.simulated()),
                    f.published() == null ? "-" : number(f.published()), first ? unit : ""));
            Ratios q = ratios.get(f);
            if (q.simulated() != null) {
                String rr = q.ratioOfRatios() == null ? "" : "ratio of ratios " + ratio(q.ratioOfRatios())
                        + (q.sameDirection() ? " (same direction)" : " (OPPOSITE direction)");
                b.append(String.format(Locale.ROOT, fmt, "", "  ratio to the before kernel", ratio(q.simulated()),
                        q.published() == null ? "-" : ratio(q.published()), rr));
            }
        }
        b.append("\nsources:\n");
        for (Source src : s.sources()) b.append("  ").append(src.cite()).append('\n');
        if (!r.notes().isEmpty()) {
            b.append("notes:\n");
            for (String n : r.notes()) b.append("  - ").append(n).append('\n');
        }
        if (!r.files().isEmpty()) {
            b.append("files:\n");
            r.files().forEach(p -> b.append("  ").append(p).append('\n'));
        }
        return b.toString();
    }

    /** Whole numbers with thousands separators; small values with 4 significant digits. */
    static String number(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "x%.4g", v);
    }
}
