/**
 * The across-hosts latency sweep's chart (scripts/netns-latency-sweep): flush fan-out latency
 * against the delay between network-namespace hosts. See docs/cluster-notes.md, "Across hosts".
 *
 * <p>May import: nothing else of iovasim.
 */
package dev.iovasim.netns;
