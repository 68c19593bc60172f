package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.function.LongUnaryOperator;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IovaTree#verify}, which the conservation check runs after every run, notices each kind of
 * damage to a node's fields: its one in-order pass must not miss what separate passes caught.
 */
class IovaTreeVerifyTest {
    /** What to damage: which node, which word (a private constant of the tree), how, and the message expected. */
    private record Damage(String name, ToIntFunction<IovaTree> node, String field, Change change, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    private interface Change {
        LongUnaryOperator on(IovaTree tree, int node);
    }

    static Stream<Arguments> damages() {
        ToIntFunction<IovaTree> third = t -> t.next(t.next(t.first()));
        return Stream.of(
                new Damage("a wrong gap", t -> t.next(t.first()), "GAP", (t, n) -> g -> g + 1, "stale gap"),
                new Damage("a wrong largest gap", IovaTree::root, "MAX_GAP", (t, n) -> g -> g + 100, "stale max gap"),
                new Damage("a wrong count", t -> t.left(t.root()), "META", (t, n) -> m -> m + 1, "stale count"),
                new Damage("a wrong in-order link", third, "ORDER",
                        (t, n) -> o -> (o & 0xffff_ffffL) | ((long) t.next(t.next(n)) << 32), "in-order links disagree"),
                new Damage("a wrong parent link", t -> t.left(t.left(t.root())), "PARENT", (t, n) -> p -> t.root(),
                        "do not name it as their parent"),
                new Damage("a lo the index does not know", third, "LO", (t, n) -> lo -> lo - 1, "missing from the index")).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("damages")
    void isCaught(Damage d) throws ReflectiveOperationException {
        IovaTree tree = new IovaTree();
        for (long lo = 10; lo < 2000; lo += 7) tree.insert(lo, lo + 2, false);
        assertDoesNotThrow(tree::verify);
        int n = d.node().applyAsInt(tree);
        long[] words = (long[]) field("t").get(tree);
        int i = n * constant("STRIDE") + constant(d.field());
        words[i] = d.change().on(tree, n).applyAsLong(words[i]);
        IllegalStateException e = assertThrows(IllegalStateException.class, tree::verify);
        assertTrue(e.getMessage().contains(d.message()), e.getMessage());
    }

    private static Field field(String name) throws ReflectiveOperationException {
        Field f = IovaTree.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static int constant(String name) throws ReflectiveOperationException {
        return ((Number) field(name).get(null)).intValue();
    }
}
