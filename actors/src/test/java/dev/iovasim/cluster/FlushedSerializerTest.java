package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.iovasim.actors.FlushCoordinator;
import dev.iovasim.actors.PfnRuns;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A flush answer built from a CPU's magazine arrays is written as the one-array answer was: the
 * same bytes as Kryo's record serializer gives {@code (int cpu, long round, long[] pfns)}, so the
 * bytes per flush (and the bare side's, which sends one array) do not move.
 */
class FlushedSerializerTest {
    /** The answer's shape before it carried runs, written by Kryo's own record serializer. */
    record OneArray(int cpu, long round, long[] pfns) {
    }

    private static Kryo kryo() {
        Kryo k = new Kryo();
        k.setRegistrationRequired(true);
        k.setReferences(false);
        k.register(long[].class, 100);
        k.register(OneArray.class, 101);
        k.register(FlushCoordinator.Flushed.class, 102);
        FlushedSerializer.install(k);
        BoundedReads.guard(k, 102);
        return k;
    }

    private static byte[] write(Kryo k, Object o) {
        try (Output out = new Output(256, -1)) {
            k.writeObject(out, o);
            return out.toBytes();
        }
    }

    /** 12 magazines of capacity 128 with some pfns each (two empty), the values a refill gives. */
    private static PfnRuns magazines(long top) {
        long[][] runs = new long[12][];
        int[] counts = new int[12];
        for (int i = 0; i < 12; i++) {
            runs[i] = new long[128];
            counts[i] = i == 3 || i == 11 ? 0 : 64 - i;
            for (int k = 0; k < counts[i]; k++) runs[i][k] = top - 64L * (i * 128 + k);
        }
        return new PfnRuns(runs, counts);
    }

    @Test
    void runsAreWrittenAsTheOneArrayAnswerWas() {
        Kryo k = kryo();
        for (PfnRuns pfns : new PfnRuns[] {magazines((1L << 36) - 1), magazines(200_000), PfnRuns.NONE,
                PfnRuns.of(new long[] {-1, 0, Long.MAX_VALUE})}) {
            long[] flat = pfns.toArray();
            byte[] before = write(k, new OneArray(127, 4_000_000_123L, flat));
            byte[] now = write(k, new FlushCoordinator.Flushed(127, 4_000_000_123L, pfns));
            assertArrayEquals(before, now, "bytes of " + flat.length + " pfns");
        }
    }

    /** A magazine with no array since the last flush is handed over as a null run of 0 pfns: the same bytes. */
    @Test
    void runsWithoutArraysAreWrittenAsEmptyRuns() {
        Kryo k = kryo();
        PfnRuns full = magazines((1L << 36) - 1);
        long[][] runs = new long[12][];
        int[] counts = new int[12];
        for (int i = 0; i < 12; i++) {
            counts[i] = full.count(i);
            runs[i] = counts[i] == 0 ? null : full.run(i);
        }
        byte[] before = write(k, new OneArray(3, 7, full.toArray()));
        byte[] now = write(k, new FlushCoordinator.Flushed(3, 7, new PfnRuns(runs, counts)));
        assertArrayEquals(before, now);
    }

    @Test
    void readsBackAsOneRun() {
        Kryo k = kryo();
        PfnRuns pfns = magazines((1L << 36) - 1);
        byte[] bytes = write(k, new FlushCoordinator.Flushed(5, 9, pfns));
        FlushCoordinator.Flushed back = k.readObject(new Input(bytes), FlushCoordinator.Flushed.class);
        assertEquals(5, back.cpu());
        assertEquals(9, back.round());
        assertEquals(1, back.pfns().runCount());
        assertArrayEquals(pfns.toArray(), back.pfns().toArray());
    }

    @Test
    void aForgedPfnCountIsRefused() {
        Kryo k = kryo();
        byte[] bytes = write(k, new FlushCoordinator.Flushed(5, 9, PfnRuns.of(new long[] {1, 2, 3})));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);
        assertThrows(KryoException.class, () -> k.readObject(new Input(cut), FlushCoordinator.Flushed.class));
    }
}
