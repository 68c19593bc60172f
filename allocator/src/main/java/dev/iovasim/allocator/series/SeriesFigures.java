package dev.iovasim.allocator.series;

import dev.iovasim.allocator.AllocStats;

/**
 * An engine's state and counters at a row's moment, whatever engine gave them.
 *
 * @param stats           the run's counters so far
 * @param treeNodes       ranges in the rbtree
 * @param magazinePfns    per kernel size class: IOVAs in the CPUs' loaded/prev magazines
 * @param depotPfns       per kernel size class: IOVAs in the depot's magazines
 * @param depotMagazines  full magazines in the depot, every class
 * @param fqQueued        IOVAs waiting in every flush queue
 * @param fqLongest       IOVAs in the longest flush queue
 * @param max32FastFails  32-bit searches max32_alloc_size failed at once, so far
 * @param max32Resets     frees that reset max32_alloc_size, so far
 * @param allocNodes      tree nodes visited per allocation since the previous figures
 * @param freeNodes       tree nodes visited per free_iova_fast since the previous figures
 */
public record SeriesFigures(AllocStats stats, long treeNodes, long[] magazinePfns, long[] depotPfns, long depotMagazines,
                            long fqQueued, long fqLongest, long max32FastFails, long max32Resets,
                            VisitHistogram allocNodes, VisitHistogram freeNodes) {
}
