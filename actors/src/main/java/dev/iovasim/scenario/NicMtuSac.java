package dev.iovasim.scenario;

import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.series.Column;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 32-bit space of a NIC's domain fills with small ranges of every size class (MTU changes left
 * them cached and then in the tree), and before v6.4 every map of the 64-bit device first tries a
 * 32-bit address: the walk crosses all those ranges and fails, map after map. v6.4 ("iommu:
 * Optimise PCI SAC address trick") stops trying 32 bits for a device after its first failure.
 */
final class NicMtuSac implements Scenario {
    static final String NAME = "nic-mtu-sac-2023";
    private static final int CPUS = 32;
    private static final long GAP_NS = 2000;
    // a 2 GiB hole below 4 GiB filled with 33-page long-lived ranges: about 15,800 tree nodes to walk
    private static final String WORKLOAD = "sac-pressure:hole=524288,long-pages=33,slack=2048,gap-ns=" + GAP_NS;
    private static final Source REPORT = new Source("IOMMU code taking 90+% of CPU after NIC MTU changes (subject not found; it led to"
            + " \"iommu: Optimise PCI SAC address trick\")", "Jakub Kicinski", "2023", false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "a full 32-bit space makes every pre-v6.4 map walk and fail a SAC attempt; v6.4's sticky SAC stops trying";
    }

    @Override
    public List<Source> sources() {
        return List.of(REPORT);
    }

    @Override
    public List<String> kernels() {
        return List.of("linux-6.3", "linux-6.4");
    }

    @Override
    public String whatIf() {
        return "forcedac=on";
    }

    @Override
    public long defaultSize() {
        return 10_000;
    }

    @Override
    public String sizeUnit() {
        return "operations per CPU";
    }

    @Override
    public String scaling() {
        return CPUS + " CPUs, a 2 GiB 32-bit hole filled with about 15,800 long-lived 33-page ranges instead of the"
                + " NIC's leftovers of several MTUs: the SAC walk crosses as many nodes as on a machine whose 32-bit space is full";
    }

    @Override
    public ScenarioResult run(long size, Path out, List<String> whatIf, ProgressListener progress) {
        long ops = ScenarioKit.checkSize(this, size);
        var runs = KernelRuns.run(ScenarioKit.specs(ScenarioKit.kernels(this, whatIf), WORKLOAD, CPUS, ops, null),
                KernelRuns.interval(ops, GAP_NS, 20), progress);
        CostProxy cost = CostProxy.calibrated();
        List<Figure> fs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            var r = runs.get(i);
            Double published = i == 0 ? 0.90 : null;
            fs.add(new Figure(NAME, "allocator share of map/unmap CPU", r.kernel(), cost.allocatorShare(r.report()),
                    published, "fraction (proxy)", published == null ? null : "fraction of CPU in IOMMU code",
                    published == null ? null : REPORT.cite()));
        }
        for (var r : runs) fs.add(ScenarioKit.proxy(NAME, r, null, null, REPORT));
        for (var r : runs) {
            fs.add(Figure.simulatedOnly(NAME, "failed SAC attempts per 1000 maps", r.kernel(),
                    1000.0 * r.report().longValue("sac_failures") / r.report().longValue("allocs"), "maps"));
        }
        for (var r : runs) fs.add(ScenarioKit.nodesPerOp(NAME, r));
        var files = SeriesFiles.write(out, runs, new SeriesFiles.Plot("sac-failures.png",
                NAME + ": failed 32-bit (SAC) attempts per 1000 operations", "failed SAC attempts per 1000 ops",
                row -> ScenarioKit.perThousandOps(row, Column.SAC_FAILURES)));
        return new ScenarioResult(this, ops, fs, files, List.of(ScenarioKit.PROXY_NOTE,
                "published: IOMMU code took 90+% of CPU on the pre-v6.4 kernel (as issue 16 quotes it; the thread was not"
                        + " found through the search tools); no figure is published for v6.4. The simulated share is of the"
                        + " map/unmap CPU time only (no network stack), so it is an upper bound of the machine-wide share"));
    }
}
