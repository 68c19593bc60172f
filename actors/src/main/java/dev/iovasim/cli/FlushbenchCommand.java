package dev.iovasim.cli;

import dev.iovasim.actors.EngineSettings;
import dev.iovasim.actors.FlushBench;
import dev.iovasim.actors.LatencySummary;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Policy;
import dev.iovasim.cluster.ClusterMachine;
import dev.iovasim.cluster.LocalClusterRun;
import dev.iovasim.progress.Progress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iovasim flushbench}: the cost of one flush's fan-out and gather, over many rounds. */
@Command(name = "flushbench", mixinStandardHelpOptions = true, resourceBundle = "dev.iovasim.cli.FlagHelp",
        header = "Times flush rounds (fan-out to every CPU actor and gather) and prints their latency.",
        description = {"Times R flush rounds over N CPU actors holding magazines: fan-out of Flush to every CPU actor,",
                "gather of their pfns (the headline), and the same plus freeing them to the tree. Magazines are",
                "refilled before each round, outside the timed part. Before each timed round garbage is collected",
                "and one untimed round runs, so that no collection falls inside it and it does not start cold.",
                "Reports mean, standard deviation and percentiles in microseconds, and messages and bytes per round."})
public final class FlushbenchCommand implements Callable<Integer> {
    @Option(names = "--cpus", paramLabel = "N", required = true, description = "CPU actors.")
    int cpus;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "200", description = "Timed rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    /** A cpu node sees one Flush per round: its JIT needs thousands (300 left a cluster's median twice as high). */
    static final int CLUSTER_WARMUP = 2000;
    /** One JVM's CPU actors see the whole fan-out every round; more rounds measured no better at 1024 CPUs. */
    static final int ONE_JVM_WARMUP = 300;

    @Option(names = "--warmup", paramLabel = "W",
            description = {"Untimed rounds first. Default: " + CLUSTER_WARMUP + " with --nodes 2 or more (a cpu node sees"
                    + " one Flush per round, so its JIT needs thousands), " + ONE_JVM_WARMUP + " in one JVM."})
    Integer warmupFlag;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = {"Dispatcher threads of the one-JVM actor system (0: Akka's default, 8 or more). One thread"
                    + " walks the CPUs' answers with no hand-off between threads, as one kernel CPU walks every cache"
                    + " in a flush. Default: ${DEFAULT-VALUE}."})
    int threads;

    @Option(names = "--magazine-fill", paramLabel = "F", defaultValue = "0.5",
            description = "Share of each loaded and prev magazine (all 6 classes) filled before a round, 0..1. Default: ${DEFAULT-VALUE}.")
    double fill;

    @Option(names = "--compare-bare",
            description = {"Also time, in the same JVMs and run, a bare Akka fan-out and gather of the same shape (as many"
                    + " actors, the same message classes and sizes, no allocator work), in A/B rounds whose order"
                    + " alternates; prints both distributions and their ratios."})
    boolean compareBare;

    @Mixin
    JsonOption json = new JsonOption();

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Mixin
    PolicyOptions policy = new PolicyOptions(Policy.DEFAULT_NAME);

    @Override
    public Integer call() {
        Check.in("--cpus", cpus, 1, 65536);
        Check.in("--rounds", rounds, 1, Long.MAX_VALUE);
        cluster.checkCpus(cpus);
        int warmup = warmupFlag != null ? warmupFlag : cluster.clustered() ? CLUSTER_WARMUP : ONE_JVM_WARMUP;
        if (warmup < 0) throw new UsageException("--warmup: must be 0 or more, got " + warmup);
        if (!(fill >= 0 && fill <= 1)) throw new UsageException("--magazine-fill: must be in 0..1, got " + fill);
        Policy p = policy.single();
        if (threads < 0) throw new UsageException("--threads: must be 0 or more, got " + threads);
        FlushBench.Result r;
        // rounds done of warm-up plus timed ones, and which phase
        try (Progress progress = Progress.open("flushbench", (long) warmup + rounds, "rounds", 1, System.err)) {
            IntConsumer roundDone = round -> {
                progress.extra(round < warmup ? "warm-up" : "timed");
                progress.stepTo(round + 1L);
            };
            r = cluster.clustered() ? onCluster(p, warmup, roundDone)
                    : FlushBench.run(p, cpus, rounds, warmup, fill, EngineSettings.defaults().withThreads(threads), compareBare,
                    roundDone);
        }
        System.out.printf(Locale.ROOT, "flushbench: %d CPU actors, %d node(s), fan-out %s, %s (%d-pfn magazines, %d per magazine), %d rounds after %d warm-up%n",
                cpus, cluster.nodes, cluster.fanout, p.name(), p.magazineSize(), r.perMagazine(), rounds, warmup);
        print("fan-out + gather", r.gather());
        print("flush (+ tree frees)", r.flush());
        System.out.printf(Locale.ROOT, "per round: messages %d, bytes %d (serialized and deserialized by the tree node), pfns returned %d%n",
                r.messagesPerRound(), r.bytesPerRound(), r.pfnsPerRound());
        if (r.bare() != null) {
            print("bare fan-out + gather", r.bare().gather());
            System.out.printf(Locale.ROOT, "bare per round: messages %d, bytes %d, pfns returned %d%n",
                    r.bare().messagesPerRound(), r.bare().bytesPerRound(), r.bare().pfnsPerRound());
            System.out.printf(Locale.ROOT, "ratio to bare (fan-out + gather)  p50: %.2fx  p99: %.2fx  max: %.2fx%n",
                    ratio(r.gather().p50Us(), r.bare().gather().p50Us()), ratio(r.gather().p99Us(), r.bare().gather().p99Us()),
                    ratio(r.gather().maxUs(), r.bare().gather().maxUs()));
        }
        if (json.file != null) FlushbenchJson.write(json.file, this, p, warmup, r);
        return ExitCodes.OK;
    }

    private FlushBench.Result onCluster(Policy p, int warmup, IntConsumer roundDone) {
        try (LocalClusterRun run = cluster.start(List.of(), System.err);
             ClusterMachine m = new ClusterMachine(run.node(), run.hosts(), new ClusterMachine.Spec(p,
                     new DomainConfig(cpus, 4096, 1), true, "", 0, 0, cluster.fanOut()), EngineSettings.defaults())) {
            return FlushBench.run(m, p, rounds, warmup, fill, compareBare, roundDone);
        }
    }

    static double ratio(double of, double to) {
        return to > 0 ? of / to : Double.NaN;
    }

    private static void print(String what, LatencySummary s) {
        System.out.printf(Locale.ROOT, "%-21s average latency(us): %.1f  standard deviation: %.1f  p50: %.1f  p99: %.1f  max: %.1f%n",
                what, s.meanUs(), s.stddevUs(), s.p50Us(), s.p99Us(), s.maxUs());
    }
}
