/**
 * The cluster soak ({@code scripts/soak}): one cluster kept running run after run for minutes,
 * checking that the heap after a full collection stays flat, that every run's conservation survey
 * passes, and counting dead letters by type. See docs/cluster-notes.md, "Soak".
 */
package dev.iovasim.soak;
