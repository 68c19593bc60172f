package dev.iovasim.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.Behavior;
import com.typesafe.config.ConfigFactory;
import dev.iovasim.actors.WireMessage;
import dev.iovasim.cluster.WireClasses;
import dev.iovasim.metrics.ProjectFiles;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's limits on the actors, in every package of the actors module: no actor file over 300
 * lines, no protocol over 12 message types. An actor file is one whose class has a method that
 * returns a {@link Behavior} (an actor's create() and handlers, or a part that answers for its
 * actor); a protocol is the messages nested in one class (records and enums that are wire
 * messages or some actor's {@code Command}), owned by a class listed in common.conf's
 * {@value WireClasses#PROTOCOLS_KEY} or one that nests a {@code Command} interface. A part that
 * outgrows them becomes a class with its own protocol, as {@code FlushCoordinator} and
 * {@code ConservationSurvey} did out of the tree owner and {@code HostRun} and
 * {@code LiveFigures} out of the cpu node's host.
 */
class ActorSizeTest {
    static final int MAX_ACTOR_LINES = 300;
    static final int MAX_MESSAGE_TYPES = 12;

    /** The top-level classes of the actors module's main sources, by name, with their files. */
    private static Map<Class<?>, Path> sources() throws IOException, ClassNotFoundException {
        Path root = ProjectFiles.root().resolve("actors/src/main/java");
        Map<Class<?>, Path> out = new TreeMap<>((a, b) -> a.getName().compareTo(b.getName()));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                if (!name.endsWith("package-info")) out.put(Class.forName(name), f);
            }
        }
        assertTrue(out.size() > 50, "found the actors module's sources under " + root);
        return out;
    }

    private static boolean isActor(Class<?> c) {
        for (Method m : c.getDeclaredMethods()) {
            if (Behavior.class.isAssignableFrom(m.getReturnType())) return true;
        }
        return false;
    }

    private static boolean ownsCommand(Class<?> c) {
        for (Class<?> nested : c.getDeclaredClasses()) {
            if (nested.isInterface() && nested.getSimpleName().equals("Command")) return true;
        }
        return false;
    }

    /** A nested record or enum that is sent: a wire message or some actor's Command. */
    private static boolean isMessage(Class<?> nested) {
        if (!nested.isRecord() && !nested.isEnum()) return false;
        return WireMessage.class.isAssignableFrom(nested) || isCommand(nested);
    }

    /** Whether {@code c} implements, directly or through its interfaces, an interface named Command. */
    private static boolean isCommand(Class<?> c) {
        for (Class<?> i : c.getInterfaces()) {
            if (i.getSimpleName().equals("Command") || isCommand(i)) return true;
        }
        return false;
    }

    @Test
    void noActorFileIsOverThreeHundredLines() throws Exception {
        List<String> over = new ArrayList<>();
        int actors = 0;
        for (Map.Entry<Class<?>, Path> e : sources().entrySet()) {
            if (!isActor(e.getKey())) continue;
            actors++;
            long lines = Files.readAllLines(e.getValue()).size();
            if (lines > MAX_ACTOR_LINES) over.add(e.getKey().getName() + ": " + lines);
        }
        assertTrue(actors > 10, "found the actors: " + actors);
        assertEquals(List.of(), over);
    }

    @Test
    void noProtocolHasMoreThanTwelveMessageTypes() throws Exception {
        List<String> listed = ConfigFactory.parseResources("common.conf").resolve().getStringList(WireClasses.PROTOCOLS_KEY);
        List<String> over = new ArrayList<>();
        int protocols = 0;
        for (Class<?> c : sources().keySet()) {
            if (!listed.contains(c.getName()) && !ownsCommand(c)) continue;
            protocols++;
            int messages = 0;
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (isMessage(nested)) messages++;
            }
            if (messages > MAX_MESSAGE_TYPES) over.add(c.getName() + ": " + messages);
        }
        assertTrue(protocols >= listed.size(), "found the protocols: " + protocols);
        assertEquals(List.of(), over);
    }
}
