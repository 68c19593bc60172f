package dev.iovasim.cli;

import dev.iovasim.allocator.bench.BenchTapes;
import dev.iovasim.allocator.bench.OpTape;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.engine.WorkUnits;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import dev.iovasim.progress.Progress;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iovasim bench}: single-thread allocator speed on the two benchmark loads. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Times the allocator alone on pre-generated loads and prints operations per second.",
        description = {"Times the allocator alone (single thread, operations pre-generated) on two loads:",
                "  churn  16 CPUs, sizes 1..256, fragmented: tree allocations dominate",
                "  sac    128 CPUs, SAC-first maps of small buffers: the rcache serves nearly all",
                "Prints operations per second (median of --repeat timed runs after --warmup runs)."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--load", split = ",", defaultValue = "churn,sac", paramLabel = "churn|sac",
            description = "Which loads to run. Default: ${DEFAULT-VALUE}.")
    String[] loads;

    @Option(names = "--ops", defaultValue = "1000000", paramLabel = "N", description = "Operations per load. Default: ${DEFAULT-VALUE}.")
    int ops;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "R", description = "Timed runs. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "W", description = "Untimed runs first (JIT). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    SearchOption search = new SearchOption();

    @Option(names = "--write-traces", paramLabel = "DIR", converter = OutputFile.Directory.class,
            description = "Also write each load as a trace file DIR/LOAD.trace (for timing 'replay').")
    Path traceDir;

    @Mixin
    PolicyOptions policy = new PolicyOptions(Policy.DEFAULT_NAME);

    @Override
    public Integer call() throws IOException {
        Check.in("--ops", ops, 1, Long.MAX_VALUE);
        Check.in("--repeat", repeat, 1, Long.MAX_VALUE);
        if (warmup < 0) throw new UsageException("--warmup: must be 0 or more, got " + warmup);
        for (String load : loads) {
            if (!load.equals("churn") && !load.equals("sac")) throw new UsageException("--load: expected churn or sac, got '" + load + "'");
        }
        boolean gaps = search.gaps();
        Policy p = policy.single();
        System.out.printf(Locale.ROOT, "bench: policy %s, search %s, %d ops, %d warm-up + %d timed runs, Java %s, %d CPUs%n",
                p.name(), search.text, ops, warmup, repeat, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (String load : loads) {
            OpTape tape = switch (load) {
                case "churn" -> BenchTapes.churn(seed.value, ops);
                case "sac" -> BenchTapes.sacCacheHeavy(seed.value, ops);
                default -> throw new IllegalStateException(load); // checked above
            };
            if (traceDir != null) write(tape, load);
            measure(load, tape, p, gaps);
        }
        return ExitCodes.OK;
    }

    private void measure(String load, OpTape tape, Policy p, boolean gaps) {
        long[] results = new long[tape.allocs()];
        long[] sizes = new long[tape.allocs()];
        double[] rates = new double[repeat];
        IovaAllocator last = null;
        try (Progress progress = Progress.open("bench " + load, warmup + repeat, "runs", 1, System.err)) {
            for (int i = 0; i < warmup + repeat; i++) {
                IovaAllocator a = new IovaAllocator(p, tape.config(), gaps);
                long t0 = System.nanoTime();
                long sum = tape.run(a, results, sizes);
                long dt = System.nanoTime() - t0;
                if (sum == 42) System.out.print("");
                if (i >= warmup) rates[i - warmup] = tape.length() / (dt / 1e9);
                last = a;
                progress.stepTo(i + 1);
            }
        }
        Arrays.sort(rates);
        var s = last.stats();
        System.out.printf(Locale.ROOT, "%-6s %,12.0f ops/s median (min %,.0f, max %,.0f)  tree allocs %.1f%%  hit rate %.1f%%  work units/op %.1f  tree nodes/tree alloc %.1f%n",
                load, rates[rates.length / 2], rates[0], rates[rates.length - 1],
                100.0 * s.get(Counter.TREE_ALLOCS) / s.get(Counter.ALLOCS), 100.0 * s.hitRate(), (double) WorkUnits.of(last).total() / tape.length(),
                s.get(Counter.TREE_ALLOCS) == 0 ? 0 : (double) last.domain().nodesVisited() / Math.max(1, s.get(Counter.TREE_ALLOCS) + s.get(Counter.FAILED)));
    }

    private void write(OpTape tape, String load) throws IOException {
        Files.createDirectories(traceDir);
        Path f = traceDir.resolve(load + ".trace");
        try (Writer w = Files.newBufferedWriter(f)) {
            tape.writeTrace(w, "iovasim bench load '" + load + "', seed " + seed.value + ", " + ops + " ops");
        }
        System.out.println("wrote " + f);
    }
}
