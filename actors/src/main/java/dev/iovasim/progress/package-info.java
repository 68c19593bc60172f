/**
 * Progress on standard error for every long command (simulate, replay, import, flushbench,
 * sweep): a bar redrawn in place on a terminal (me.tongfei:progressbar), one plain line every
 * ten seconds at most otherwise, so a log stays short.
 *
 * <p>May import: nothing else of iovasim.
 */
package dev.iovasim.progress;
