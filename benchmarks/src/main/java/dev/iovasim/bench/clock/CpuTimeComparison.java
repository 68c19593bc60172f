package dev.iovasim.bench.clock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link LazyStorageBench}'s runs on the main thread's CPU time, for two or more builds of the
 * allocator in one JVM: each allocator jar gets its own class loader (ahead of this jar, so its
 * classes win), and the builds take turns run by run, the first of each round rotating, so a
 * loaded machine's noise falls on all of them alike. Prints each build's median ops per
 * CPU-second over the last two thirds of the runs (the first third warms the JIT) and, per run,
 * the ratio of each build to the first. On a shared machine read the ratios, not the figures.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.iovasim.bench.clock.CpuTimeComparison RUNS lazy|strict[:OPS] ALLOCATOR_JAR...</pre>
 *
 * <p>{@code :OPS} sets the operations per CPU (default {@link LazyStorageBench#OPS_PER_CPU}): a
 * longer run is the steady state a simulated day spends most of its time in, where the tree has
 * stopped growing and the end's conservation check is a smaller share.
 */
public final class CpuTimeComparison {
    private CpuTimeComparison() {
    }

    /** One run of {@code which} ({@code lazy} or {@code strict}) in the calling loader's allocator; ops per CPU-second. */
    public static double opsPerCpuSecond(String which, long opsPerCpu) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        LazyStorageBench.run(which.equals("lazy") ? LazyStorageBench.lazySpec(opsPerCpu) : LazyStorageBench.strictSpec(opsPerCpu));
        long c1 = mx.getCurrentThreadCpuTime();
        return LazyStorageBench.CPUS * opsPerCpu / ((c1 - c0) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        String[] mode = args.length < 3 ? new String[0] : args[1].split(":", 2);
        if (mode.length == 0 || !(mode[0].equals("lazy") || mode[0].equals("strict"))) {
            System.err.println("usage: CpuTimeComparison RUNS lazy|strict[:OPS] ALLOCATOR_JAR...");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        String which = mode[0];
        long opsPerCpu = mode.length == 2 ? Long.parseLong(mode[1]) : LazyStorageBench.OPS_PER_CPU;
        int builds = args.length - 2;
        URL self = CpuTimeComparison.class.getProtectionDomain().getCodeSource().getLocation();
        Method[] once = new Method[builds];
        for (int b = 0; b < builds; b++) {
            URL jar = Path.of(args[2 + b]).toUri().toURL();
            ClassLoader loader = new URLClassLoader(new URL[] {jar, self}, ClassLoader.getPlatformClassLoader());
            once[b] = loader.loadClass(CpuTimeComparison.class.getName()).getMethod("opsPerCpuSecond", String.class, long.class);
        }
        double[][] v = new double[builds][runs];
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < builds; k++) {
                int b = (k + r) % builds;
                v[b][r] = (double) once[b].invoke(null, which, opsPerCpu);
            }
        }
        int warm = runs / 3;
        for (int b = 0; b < builds; b++) {
            double[] measured = Arrays.copyOfRange(v[b], warm, runs);
            Arrays.sort(measured);
            System.out.printf("%s %s: median %.0f k ops per CPU-second (runs %d-%d)%n", args[2 + b], which,
                    measured[measured.length / 2] / 1e3, warm + 1, runs);
        }
        for (int b = 1; b < builds; b++) {
            double[] ratio = new double[runs - warm];
            for (int r = warm; r < runs; r++) ratio[r - warm] = v[b][r] / v[0][r];
            Arrays.sort(ratio);
            System.out.printf("  build %d / build 1, run by run: median %.3f (quartiles %.3f, %.3f)%n", b + 1,
                    ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4]);
        }
    }
}
