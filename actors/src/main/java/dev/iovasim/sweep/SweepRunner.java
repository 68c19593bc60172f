package dev.iovasim.sweep;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a plan's points in order, skipping those the results file already holds, and appends
 * each run's row as soon as it ends. A run that throws becomes a row with an {@code error}
 * (the sweep goes on; a resume runs it again); {@link InterruptedException} stops the sweep
 * with every finished row kept.
 */
public record SweepRunner(SweepPlan plan, PointRunner runner, ResultsFile results, SweepProgress progress) {
    /** What a session did. {@code interrupted}: it stopped before the plan's end. */
    public record Outcome(int ran, int skipped, int failed, boolean interrupted) {
    }

    public Outcome run() {
        Set<String> finished = results.finished();
        List<SweepPoint> all = plan.points();
        List<SweepPoint> todo = all.stream().filter(p -> !finished.contains(p.id())).toList();
        int skipped = all.size() - todo.size();
        progress.start(all.size(), skipped);
        int ran = 0;
        int failed = 0;
        boolean interrupted = false;
        try {
            for (SweepPoint p : todo) {
                progress.running(p);
                long t0 = System.nanoTime();
                Map<String, String> row;
                try {
                    row = ResultRow.of(p, runner.run(p));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted = true;
                    break;
                } catch (Exception e) {
                    row = ResultRow.failed(p, e);
                }
                results.append(row);
                ran++;
                String error = row.get(ResultColumns.ERROR);
                if (error != null) failed++;
                progress.finished(p, (System.nanoTime() - t0) / 1e9, error);
            }
        } finally {
            progress.end();
        }
        return new Outcome(ran, skipped, failed, interrupted);
    }
}
