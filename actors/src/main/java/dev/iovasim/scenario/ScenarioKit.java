package dev.iovasim.scenario;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.Workload;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.util.List;

/** What several scenarios share: checking the size, applying the what-if and building their runs. */
final class ScenarioKit {
    /** Every scenario runs with this seed, so that a scenario's output is reproducible bit for bit. */
    static final long SEED = 1;

    private ScenarioKit() {
    }

    static long checkSize(Scenario s, long size) {
        if (size < 1 || size > 10_000_000L) {
            throw new IllegalArgumentException("--size: " + s.name() + " takes 1..10000000 " + s.sizeUnit() + ", got " + size);
        }
        return size;
    }

    /**
     * The scenario's kernels, then, with overrides, the before kernel with each applied in order
     * (its name says which: {@code linux-6.1+depot=list}).
     */
    static List<String> kernels(Scenario s, List<String> whatIf) {
        if (whatIf.isEmpty()) return s.kernels();
        Policy p = Policy.byName(s.kernels().get(0));
        for (String kv : whatIf) {
            try {
                p = PolicySwitches.apply(p, kv);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--set " + kv + ": " + e.getMessage(), e);
            }
        }
        if (s.kernels().contains(p.name())) {
            throw new IllegalArgumentException("--set " + String.join(" --set ", whatIf) + ": changes nothing in " + s.kernels().get(0));
        }
        return java.util.stream.Stream.concat(s.kernels().stream(), java.util.stream.Stream.of(p.name())).toList();
    }

    /** One run spec per policy name, on the same workload, CPUs, size and seed. */
    static List<RunSpec> specs(List<String> policies, String workload, int cpus, long opsPerCpu, String irqCpus) {
        Workload w = WorkloadCatalogue.byName(workload);
        IrqCpus irq = irqCpus == null ? null : IrqCpus.parse(irqCpus, cpus);
        return policies.stream()
                .map(p -> new RunSpec(Policy.byName(p), w, cpus, opsPerCpu, SEED, 0, null, true, irq, null))
                .toList();
    }
}
