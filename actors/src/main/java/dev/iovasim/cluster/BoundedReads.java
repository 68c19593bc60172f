package dev.iovasim.cluster;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo reads an array's length (or a string's) from the frame and allocates that much before it
 * reads a single element, so a frame of a few bytes could make a node allocate gigabytes, or fail
 * with an OutOfMemoryError that ends its actor system. Every element takes at least one byte on
 * the wire, so a length beyond the bytes left in the frame is a forged frame: it is refused
 * before anything is allocated.
 */
final class BoundedReads extends Serializer<Object> {
    private final Serializer<Object> inner;
    private final boolean string;

    @SuppressWarnings("unchecked")
    private BoundedReads(Serializer<?> inner, boolean string) {
        this.inner = (Serializer<Object>) inner;
        this.string = string;
        setAcceptsNull(inner.getAcceptsNull());
        setImmutable(inner.isImmutable());
    }

    /**
     * Wraps the serializer of every array class and String registered under an id up to
     * {@code lastId}: Kryo's own registrations too (String keeps its default id beside ours, and
     * a frame may name either).
     */
    static void guard(Kryo k, int lastId) {
        for (int id = 0; id <= lastId; id++) {
            Registration r = k.getRegistration(id);
            if (r == null) continue;
            if (r.getType().isArray()) wrap(r, false);
            else if (r.getType() == String.class) wrap(r, true);
        }
    }

    private static void wrap(Registration r, boolean string) {
        if (!(r.getSerializer() instanceof BoundedReads)) r.setSerializer(new BoundedReads(r.getSerializer(), string));
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        inner.write(kryo, output, object);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        if (string) checkString(input);
        else checkArray(input, type);
        return inner.read(kryo, input, type);
    }

    /** An array is written as its length + 1 (0 for null), then its elements. */
    private static void checkArray(Input input, Class<?> type) {
        int at = input.position();
        int lengthPlusOne = input.readVarInt(true);
        check(input, lengthPlusOne - 1L, type.getSimpleName());
        input.setPosition(at);
    }

    /**
     * A string is ASCII ended by a high bit (bounded by the frame itself), or a character count + 1
     * flagged in its first byte, then the characters: that count is checked. Also used for the
     * strings Kryo reads directly (actor references).
     */
    static void checkString(Input input) {
        int at = input.position();
        if (input.readVarIntFlag()) {
            long chars = input.readVarIntFlag(true) - 1L;
            check(input, chars, "String");
        }
        input.setPosition(at);
    }

    private static void check(Input input, long elements, String what) {
        long left = (long) input.limit() - input.position();
        if (elements > left) {
            throw new KryoException("a " + what + " of " + elements + " elements announced with " + left
                    + " bytes left in the frame");
        }
    }
}
