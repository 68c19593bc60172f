/**
 * The actor engine over several JVMs (Akka Cluster, Kryo): the tree node (tree owner and depot)
 * and the cpu nodes (CPU actors), {@link dev.iovasim.cluster.ClusterMachine}, the per-node flush
 * fan-out, the wire (serializer, registered classes, secret, byte counts), node loss, and the
 * launcher of a one-command local cluster. See docs/cluster-notes.md.
 *
 * <p>May import: {@code dev.iovasim.actors}, {@code dev.iovasim.allocator},
 * {@code dev.iovasim.allocator.engine}, {@code dev.iovasim.allocator.workload}.
 */
package dev.iovasim.cluster;
