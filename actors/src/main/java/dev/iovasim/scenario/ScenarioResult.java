package dev.iovasim.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * What one scenario run gave.
 *
 * @param scenario the scenario
 * @param size     the size it ran at
 * @param figures  its figures, grouped by metric, each metric's kernels in {@link Scenario#kernels} order
 * @param files    the files it wrote (time series CSVs, the plot)
 * @param notes    what the reader must know to read the figures (proxies, missing mechanisms)
 */
public record ScenarioResult(Scenario scenario, long size, List<Figure> figures, List<Path> files, List<String> notes) {
    public ScenarioResult {
        figures = List.copyOf(figures);
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
