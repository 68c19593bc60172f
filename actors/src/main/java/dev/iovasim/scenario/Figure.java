package dev.iovasim.scenario;

/**
 * One figure of a scenario under one kernel: what the simulation gives and, where a report
 * published one for the same kernel, the published value. The JSON object of a figure has
 * exactly these keys ({@link FigureJson}).
 *
 * @param scenario      the scenario's name
 * @param metric        what is measured, e.g. {@code throughput proxy}
 * @param kernel        the kernel (preset, with overrides) the run used
 * @param simulated     the simulated value
 * @param published     the published value for this kernel, or null when the report gives none
 * @param unit          the simulated value's unit
 * @param publishedUnit the published value's unit (a proxy is compared with IOPS only through ratios), or null
 * @param source        the citation of the published value ({@link Source#cite}), or null
 */
public record Figure(String scenario, String metric, String kernel, double simulated, Double published, String unit,
                     String publishedUnit, String source) {
    public Figure {
        if (Double.isNaN(simulated) || Double.isInfinite(simulated)) {
            throw new IllegalArgumentException(scenario + ": " + metric + " under " + kernel + " is not a number");
        }
        if (published != null && source == null) {
            throw new IllegalArgumentException(scenario + ": a published " + metric + " needs its source");
        }
    }

    /** A figure the reports give no published value for. */
    public static Figure simulatedOnly(String scenario, String metric, String kernel, double simulated, String unit) {
        return new Figure(scenario, metric, kernel, simulated, null, unit, null, null);
    }
}
