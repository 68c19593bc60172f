package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iovasim.actors.WireMessage;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public message record that may cross a JVM is registered for Kryo: its protocol owner (the
 * class it is nested in) is listed in common.conf's {@value WireClasses#PROTOCOLS_KEY}. A protocol
 * split into a new owner (an actor's part, a new actor) that is not listed would fail only at run
 * time, on the first message between two nodes; here it fails at build time.
 */
class WireProtocolsTest {

    @Test
    void everyPublicWireRecordsOwnerIsListed() throws Exception {
        List<String> listed = ConfigFactory.parseResources("common.conf").resolve().getStringList(WireClasses.PROTOCOLS_KEY);
        List<String> missing = new ArrayList<>();
        for (Class<?> owner : mainClasses()) {
            for (Class<?> nested : owner.getDeclaredClasses()) {
                boolean wire = nested.isRecord() && Modifier.isPublic(nested.getModifiers())
                        && WireMessage.class.isAssignableFrom(nested);
                if (wire && !listed.contains(owner.getName())) missing.add(nested.getName());
            }
        }
        assertTrue(missing.isEmpty(), "wire messages whose owner is not in " + WireClasses.PROTOCOLS_KEY + ": " + missing);
    }

    /** The top-level classes of the actors module's main sources, by their source files. */
    private static List<Class<?>> mainClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of(System.getProperty("iovasim.root", "..")).toAbsolutePath().resolve("actors/src/main/java");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                if (!name.endsWith("package-info")) out.add(Class.forName(name));
            }
        }
        assertTrue(out.size() > 50, "found the actors module's sources under " + root);
        return out;
    }
}
