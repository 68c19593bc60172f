package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link IovaTree#verify}, which the conservation check runs after every run, notices each kind of
 * damage to a node's fields: its one in-order pass must not miss what separate passes caught.
 */
class IovaTreeVerifyTest {
    private static IovaTree tree() {
        IovaTree t = new IovaTree();
        for (long lo = 10; lo < 2000; lo += 7) t.insert(lo, lo + 2, false);
        assertDoesNotThrow(t::verify);
        return t;
    }

    /** Rewrites word {@code field} (a private constant of the tree) of node {@code n}. */
    private static void damage(IovaTree tree, int n, String field, LongUnaryOperator change) throws ReflectiveOperationException {
        long[] words = (long[]) get(tree, "t");
        int i = n * (int) constant("STRIDE") + (int) constant(field);
        words[i] = change.applyAsLong(words[i]);
    }

    private static Object get(IovaTree tree, String name) throws ReflectiveOperationException {
        Field f = IovaTree.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(tree);
    }

    private static long constant(String name) throws ReflectiveOperationException {
        Field f = IovaTree.class.getDeclaredField(name);
        f.setAccessible(true);
        return ((Number) f.get(null)).longValue();
    }

    private static void assertCaught(IovaTree t, String what) {
        IllegalStateException e = assertThrows(IllegalStateException.class, t::verify);
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void aWrongGapIsCaught() throws Exception {
        IovaTree t = tree();
        damage(t, t.next(t.first()), "GAP", g -> g + 1);
        assertCaught(t, "stale gap");
    }

    @Test
    void aWrongLargestGapIsCaught() throws Exception {
        IovaTree t = tree();
        damage(t, t.root(), "MAX_GAP", g -> g + 100);
        assertCaught(t, "stale max gap");
    }

    @Test
    void aWrongCountIsCaught() throws Exception {
        IovaTree t = tree();
        damage(t, t.left(t.root()), "META", m -> m + 1);
        assertCaught(t, "stale count");
    }

    @Test
    void aWrongInOrderLinkIsCaught() throws Exception {
        IovaTree t = tree();
        int n = t.next(t.next(t.first()));
        int skip = t.next(t.next(n));
        damage(t, n, "ORDER", o -> (o & 0xffff_ffffL) | ((long) skip << 32));
        assertCaught(t, "in-order links disagree");
    }

    @Test
    void aWrongParentLinkIsCaught() throws Exception {
        IovaTree t = tree();
        int leftOfRoot = t.left(t.root());
        damage(t, t.left(leftOfRoot), "PARENT", p -> t.root());
        assertCaught(t, "do not name it as their parent");
    }

    @Test
    void aRangeOutOfOrderIsCaught() throws Exception {
        IovaTree t = tree();
        int n = t.next(t.next(t.first()));
        damage(t, n, "LO", lo -> t.hi(t.prev(n)));
        assertThrows(IllegalStateException.class, t::verify);
    }
}
