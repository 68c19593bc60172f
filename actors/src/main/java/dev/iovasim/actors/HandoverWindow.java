package dev.iovasim.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import dev.iovasim.allocator.workload.CpuWorkload;
import java.util.List;

/**
 * A free-running CPU actor's mappings handed to the CPUs whose workloads free them. To a CPU in the
 * same JVM a plain {@link WorkloadDriver.Adopt}; to a CPU on another node an acknowledged {@link
 * Handover}: a CPU keeps at most {@link #HANDOVER_WINDOW} unacknowledged, so a burst of remote frees
 * cannot overfill the network's outbound queue (which drops what does not fit), and a CPU reports
 * its end only when all its handovers have arrived. A workload's unmap sent to its IRQ CPU on
 * another node ({@link CpuFlushQueue.Completion}) is windowed the same way, acknowledged as it runs
 * there. Part of the CPU actor; its messages are served in any state.
 */
public final class HandoverWindow {

    /** A mapping another CPU allocated for the receiving CPU's workload; acknowledge to {@code ackTo}. */
    public record Handover(long pfn, long size, ActorRef<CpuActor.Command> ackTo) implements CpuActor.Command {
    }

    public record HandoverAck(int to) implements CpuActor.Command {
    }

    /** CPUs [first, first + count) are gone with their node: forget what was in flight to them. */
    public record PeersLost(int first, int count) implements CpuActor.Command {
    }

    /** Unacknowledged handovers a CPU may have in flight to other nodes. */
    public static final int HANDOVER_WINDOW = 16;

    private final int cpu;
    private final ActorRef<CpuActor.Command> self;
    private final CpuWorkload workload;
    /** Called when a run that waited for acknowledgements may go on. */
    private final Runnable moved;
    private List<ActorRef<CpuActor.Command>> peers;
    private boolean[] remotePeer;
    private boolean[] lostPeer;
    private int[] inFlightTo;
    private int inFlight;
    /** The run waits for acknowledgements: the window is full, or the workload has ended. */
    private boolean waits;

    HandoverWindow(int cpu, ActorRef<CpuActor.Command> self, CpuWorkload workload, Runnable moved) {
        this.cpu = cpu;
        this.self = self;
        this.workload = workload;
        this.moved = moved;
    }

    void start(List<ActorRef<CpuActor.Command>> all) {
        peers = all;
        remotePeer = new boolean[peers.size()];
        for (int c = 0; c < peers.size(); c++) remotePeer[c] = peers.get(c).path().address().hasGlobalScope();
        lostPeer = new boolean[peers.size()];
        inFlightTo = new int[peers.size()];
    }

    BehaviorBuilder<CpuActor.Command> served(BehaviorBuilder<CpuActor.Command> b) {
        return b.onMessage(Handover.class, this::onHandover)
                .onMessage(HandoverAck.class, this::onHandoverAck)
                .onMessage(PeersLost.class, this::onPeersLost);
    }

    /** The workload of CPU {@code to} will hold the mapping and free it later. */
    void handOver(long pfn, long size, int to) {
        if (to == cpu) {
            workload.adopt(pfn, size);
        } else if (!remotePeer[to]) {
            peers.get(to).tell(new WorkloadDriver.Adopt(pfn, size));
        } else if (!lostPeer[to]) {
            inFlight++;
            inFlightTo[to]++;
            peers.get(to).tell(new Handover(pfn, size, self));
        }
        // a mapping for a lost CPU is dropped here; the tree owner reclaims it after the run
    }

    /**
     * The workload's unmap to IRQ CPU {@code to}: plain in this JVM, acknowledged across nodes.
     * Returns false when {@code to} is lost with its node (the IOVA is dropped here, as a handover
     * to a lost CPU; the tree owner reclaims it after the run).
     */
    boolean complete(int to, long pfn, long size, long nowNanos) {
        if (!remotePeer[to]) {
            peers.get(to).tell(new CpuFlushQueue.Completion(pfn, size, nowNanos, null));
            return true;
        }
        if (lostPeer[to]) return false;
        inFlight++;
        inFlightTo[to]++;
        peers.get(to).tell(new CpuFlushQueue.Completion(pfn, size, nowNanos, self));
        return true;
    }

    /** Tells every surviving peer {@code m}. */
    void tellPeers(CpuActor.Command m) {
        for (int c = 0; c < peers.size(); c++) {
            if (c != cpu && !lostPeer[c]) peers.get(c).tell(m);
        }
    }

    /** The run must wait for acknowledgements before its next handover. */
    boolean full() {
        return inFlight >= HANDOVER_WINDOW;
    }

    /** Whether handovers are still unacknowledged; the run will wait until they are. */
    boolean waitIfUnacknowledged() {
        if (inFlight == 0) return false;
        waits = true;
        return true;
    }

    void waitForRoom() {
        waits = true;
    }

    private Behavior<CpuActor.Command> onHandover(Handover m) {
        workload.adopt(m.pfn(), m.size());
        return Reply.to(m.ackTo(), new HandoverAck(cpu));
    }

    private Behavior<CpuActor.Command> onHandoverAck(HandoverAck m) {
        if (inFlightTo[m.to()] == 0) return Behaviors.same();
        inFlightTo[m.to()]--;
        inFlight--;
        return windowMoved();
    }

    private Behavior<CpuActor.Command> onPeersLost(PeersLost m) {
        if (peers == null) return Behaviors.same();
        for (int c = m.first(); c < m.first() + m.count(); c++) {
            lostPeer[c] = true;
            inFlight -= inFlightTo[c];
            inFlightTo[c] = 0;
        }
        return windowMoved();
    }

    /** Resumes a run that waited for acknowledgements, once the window has room again. */
    private Behavior<CpuActor.Command> windowMoved() {
        if (!waits || inFlight >= HANDOVER_WINDOW) return Behaviors.same();
        waits = false;
        moved.run();
        return Behaviors.same();
    }
}
