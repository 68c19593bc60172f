package dev.iovasim.actors;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.OnlineCpus;
import java.util.function.LongSupplier;

/**
 * What every {@link OwnerFlush} of one tree owner shares, made once when the owner is attached
 * to its CPUs: so that starting a flush takes only what is its own (its round, who waits, its
 * start time). None of it goes to the flush's {@link FlushCoordinator} child, which would then
 * share the owner's state.
 * A top-level class, not nested in the coordinator: a record nested in a protocol owner is
 * registered as a wire message.
 *
 * @param targets     whom a flush reaches, and which CPUs are lost
 * @param domain      the tree the gathered pfns go back to, and the retry's
 * @param stats       the tree owner's counters: flushes and what they returned
 * @param log         the flushes' figures for the report
 * @param wireBytes   fan-out bytes serialized and deserialized in this JVM so far
 * @param drainsDepot whether the policy's flush also frees the depot's magazines
 * @param spare       the next flush's coordinator, spawned ahead
 * @param online      the online mask, a copy of the replay driver's ({@link DriverRequests.Online}):
 *                    for_each_online_cpu does not count an offline CPU as visited
 */
record FlushContext(FanOutTargets targets, IovaDomain domain, AllocStats stats, FlushLog log, LongSupplier wireBytes,
                    boolean drainsDepot, SpareCoordinator spare, OnlineCpus online) {
}
