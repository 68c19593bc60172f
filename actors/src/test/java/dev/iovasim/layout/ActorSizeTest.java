package dev.iovasim.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.actors.WireMessage;
import dev.iovasim.metrics.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's limits on the actor engine (package {@code dev.iovasim.actors}): no actor file over
 * 300 lines, no protocol over 12 message types (the records and enums nested in one class that
 * are messages). A part that outgrows them becomes a class with its own protocol, as
 * {@code FlushCoordinator} and {@code ConservationSurvey} did out of the tree owner.
 */
class ActorSizeTest {
    static final int MAX_ACTOR_LINES = 300;
    static final int MAX_MESSAGE_TYPES = 12;

    private static List<Path> sources() throws IOException {
        Path dir = ProjectFiles.root().resolve("actors/src/main/java/dev/iovasim/actors");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList();
        }
    }

    @Test
    void noActorFileIsOverThreeHundredLines() throws IOException {
        List<String> over = new ArrayList<>();
        for (Path p : sources()) {
            long lines = Files.readAllLines(p).size();
            if (p.getFileName().toString().endsWith("Actor.java") && lines > MAX_ACTOR_LINES) over.add(p.getFileName() + ": " + lines);
        }
        assertEquals(List.of(), over);
    }

    @Test
    void noProtocolHasMoreThanTwelveMessageTypes() throws Exception {
        List<String> over = new ArrayList<>();
        int protocols = 0;
        for (Path p : sources()) {
            Class<?> c = Class.forName("dev.iovasim.actors." + p.getFileName().toString().replace(".java", ""));
            int messages = 0;
            for (Class<?> nested : c.getDeclaredClasses()) {
                if ((nested.isRecord() || nested.isEnum()) && WireMessage.class.isAssignableFrom(nested)) messages++;
            }
            if (messages > 0) protocols++;
            if (messages > MAX_MESSAGE_TYPES) over.add(c.getSimpleName() + ": " + messages);
        }
        assertTrue(protocols > 5, "found the actors' protocols");
        assertEquals(List.of(), over);
    }
}
