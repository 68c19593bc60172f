package dev.iovasim.mapbench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.actors.CpuActor;
import dev.iovasim.allocator.DmaLayer;
import dev.iovasim.allocator.mapbench.LatencySums;
import dev.iovasim.allocator.mapbench.MapBenchSpec;

/**
 * One thread of {@code dma-map-benchmark --wall}: map_benchmark_thread of kernel/dma/map_benchmark.c
 * (v5.11..v6.13) driving one CPU actor through the engine's own protocol. Each loop sends a
 * {@link CpuActor.MapIova} of the granule and times it until its {@link CpuActor.Allocated} answer,
 * busy-waits the transmit delay (the kernel's ndelay), sends the {@link CpuActor.Free} and times
 * it until its {@link CpuActor.Completed}; the loop's two latencies are then added to the sums, as
 * the kernel adds both at the loop's end. The deadline is checked before each loop
 * (kthread_should_stop): a loop under way finishes and counts (and, unlike there, the first loop
 * always runs). A map that finds no IOVA ends the
 * thread with a failure, as the kernel's thread returns -ENOMEM.
 */
final class WallThread {
    interface Command {
    }

    /** Loop until {@code deadlineNanos} ({@link System#nanoTime}), then answer with the sums. */
    record Go(long deadlineNanos, ActorRef<Done> replyTo) implements Command {
    }

    /**
     * @param failure null, or why the thread stopped early (its map found no IOVA)
     */
    record Done(LatencySums map, LatencySums unmap, String failure) {
    }

    private record Mapped(CpuActor.Allocated answer) implements Command {
    }

    private record Unmapped(CpuActor.Completed answer) implements Command {
    }

    private final int thread;
    private final ActorRef<CpuActor.Command> cpu;
    private final MapBenchSpec spec;
    /** The device's DMA layer, shared by every thread as the kernel's device is (guarded by itself). */
    private final DmaLayer dma;
    private final ActorRef<CpuActor.Allocated> mapped;
    private final ActorRef<CpuActor.Completed> unmapped;
    private final LatencySums map = new LatencySums();
    private final LatencySums unmap = new LatencySums();
    private final long startNanos = System.nanoTime();
    private Go go;
    private long opStart;
    private long mapNanos;

    private WallThread(ActorContext<Command> ctx, int thread, ActorRef<CpuActor.Command> cpu, MapBenchSpec spec,
                       DmaLayer dma) {
        this.thread = thread;
        this.cpu = cpu;
        this.spec = spec;
        this.dma = dma;
        this.mapped = ctx.messageAdapter(CpuActor.Allocated.class, Mapped::new);
        this.unmapped = ctx.messageAdapter(CpuActor.Completed.class, Unmapped::new);
    }

    static Behavior<Command> create(int thread, ActorRef<CpuActor.Command> cpu, MapBenchSpec spec, DmaLayer dma) {
        return Behaviors.setup(ctx -> new WallThread(ctx, thread, cpu, spec, dma).behavior());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Go.class, this::onGo)
                .onMessage(Mapped.class, this::onMapped)
                .onMessage(Unmapped.class, this::onUnmapped)
                .build();
    }

    private Behavior<Command> onGo(Go m) {
        go = m;
        return mapNext();
    }

    /** dma_map_single: iommu_dma_alloc_iova's 32-bit attempt is the device's DMA layer's call. */
    private Behavior<Command> mapNext() {
        // unlike the kernel, every thread finishes one loop however late it was scheduled, so that
        // a host too loaded to run a thread within -s still gives a figure rather than zeros
        if (map.loops() > 0 && System.nanoTime() - go.deadlineNanos() >= 0) return done(null);
        long limit = spec.limitPfn();
        long sac;
        synchronized (dma) {
            sac = dma.sacAttempt(DmaLayer.DEFAULT_DEVICE, limit);
        }
        opStart = System.nanoTime();
        cpu.tell(new CpuActor.MapIova(spec.granule(), limit, sac, mapped));
        return Behaviors.same();
    }

    private Behavior<Command> onMapped(Mapped m) {
        long now = System.nanoTime();
        mapNanos = now - opStart;
        if (m.answer().sacFailed()) {
            synchronized (dma) {
                dma.sacFailed(DmaLayer.DEFAULT_DEVICE);
            }
        }
        long pfn = m.answer().pfn();
        if (pfn == 0) {
            return done(String.format(java.util.Locale.ROOT,
                    "dma_map_single failed: thread %d found no IOVA of %d pages below the %d-bit mask after %.3f wall s"
                            + " (the other threads hold or cache the rest of the space); the kernel's benchmark stops"
                            + " here (ioctl: Cannot allocate memory)",
                    thread, spec.granule(), spec.bits(), (now - startNanos) / 1e9));
        }
        // ndelay: the kernel's thread spins on its CPU while the device "transmits"
        long until = now + spec.delayNs();
        while (System.nanoTime() - until < 0) Thread.onSpinWait();
        opStart = System.nanoTime();
        cpu.tell(new CpuActor.Free(pfn, spec.granule(), unmapped));
        return Behaviors.same();
    }

    private Behavior<Command> onUnmapped(Unmapped m) {
        long unmapNanos = System.nanoTime() - opStart;
        map.add(mapNanos);
        unmap.add(unmapNanos);
        return mapNext();
    }

    private Behavior<Command> done(String failure) {
        go.replyTo().tell(new Done(map, unmap, failure));
        return Behaviors.stopped();
    }
}
