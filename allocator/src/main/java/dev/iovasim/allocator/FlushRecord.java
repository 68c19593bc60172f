package dev.iovasim.allocator;

/**
 * One rcache flush inside an allocation: who asked, for what, what it cost and whether it helped.
 *
 * @param limit        the failing request's inclusive limit
 * @param pfns         ranges returned to the tree (CPU magazines and, if drained, the depot)
 * @param useful       of those, ranges that lie at or below {@code limit}
 * @param retrySucceeded whether the tree allocation after the flush succeeded
 */
public record FlushRecord(long limit, long pfns, long useful, boolean retrySucceeded) {
}
