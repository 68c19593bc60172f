package dev.iovasim.cluster;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.iovasim.actors.FlushCoordinator;
import dev.iovasim.actors.PfnRuns;

/**
 * A CPU's flush answer on the wire: its pfns as one long array, whether the CPU sent its
 * magazines' own arrays (one run per magazine) or one array. The bytes are exactly those Kryo's
 * record serializer wrote when the answer was {@code (int cpu, long round, long[] pfns)}, so a
 * flush costs the wire what it cost then (and a bare CPU's answer the same); it reads back as one
 * run.
 */
final class FlushedSerializer extends Serializer<FlushCoordinator.Flushed> {

    private FlushedSerializer() {
        setImmutable(true);
    }

    /** Serves the answer's registration, if its protocol is on the wire. */
    static void install(Kryo k) {
        Registration r = k.getClassResolver().getRegistration(FlushCoordinator.Flushed.class);
        if (r != null) r.setSerializer(new FlushedSerializer());
    }

    @Override
    public void write(Kryo kryo, Output out, FlushCoordinator.Flushed m) {
        // the components as Kryo's record serializer writes them: by name (cpu, pfns, round),
        // the primitives boxed through their registered serializers, the array as long[]'s
        // serializer writes one (its length + 1, then each pfn)
        kryo.writeObject(out, m.cpu());
        PfnRuns pfns = m.pfns();
        out.writeVarInt(pfns.size() + 1, true);
        for (int i = 0; i < pfns.runCount(); i++) out.writeLongs(pfns.run(i), 0, pfns.count(i), false);
        kryo.writeObject(out, m.round());
    }

    @Override
    public FlushCoordinator.Flushed read(Kryo kryo, Input in, Class<? extends FlushCoordinator.Flushed> type) {
        int cpu = kryo.readObject(in, Integer.class);
        long[] pfns = kryo.readObject(in, long[].class); // through BoundedReads: a forged length is refused
        if (pfns == null) throw new KryoException("a flush answer without its pfn array");
        long round = kryo.readObject(in, Long.class);
        return new FlushCoordinator.Flushed(cpu, round, PfnRuns.of(pfns));
    }
}
