package dev.iovasim.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.metrics.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs describe only what exists: every identifier in backticks in README.md and docs/*.md
 * that looks like a Java class of the project (two or more capitalised words run together, as
 * {@code TreeOwnerActor} or {@code FreeRun.LIVE_INTERVAL}) names a class, record, interface or
 * enum declared in the sources of some module. Library and JDK classes the docs name are listed
 * below; a renamed or deleted class fails here until its docs follow.
 */
class DocsNamesTest {
    /** Classes of Akka, Prometheus, the JDK and Commons Math that the docs name on purpose. */
    private static final Set<String> NOT_OURS = Set.of(
            "ActorRefResolver", "AdaptMessage", "ClusterHeartbeatSender", "CollectorRegistry", "ConcurrentHashMap", "DefaultExports",
            "DnsProtocol", "GossipEnvelope", "GossipStatus", "GossipTick", "GraphInterpreterShell", "HeartbeatTick",
            "InitJoin", "InternalClusterAction", "InterruptedException", "LinkedHashMap", "MemberRemoved",
            "OutOfMemoryError", "PromiseActorRef", "ReceiveTimeout", "SimpleRegression", "SplittableRandom", "SystemMessageDelivery",
            "ThreadMXBean");
    private static final Pattern TICKED = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CLASS_LIKE = Pattern.compile("([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)(?:[.#][\\w.#()]*)?");
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Z]\\w*)");

    private static Set<String> declaredClasses(Path root) throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/")).toList()) {
                names.add(f.getFileName().toString().replace(".java", ""));
                Matcher m = DECLARED.matcher(Files.readString(f));
                while (m.find()) names.add(m.group(1));
            }
        }
        return names;
    }

    /** Each backticked class-like name in {@code text} that is neither declared nor listed, with its line. */
    static List<String> unknown(String file, String text, Set<String> declared) {
        List<String> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher t = TICKED.matcher(lines.get(i));
            while (t.find()) {
                Matcher c = CLASS_LIKE.matcher(t.group(1));
                if (c.matches() && !declared.contains(c.group(1)) && !NOT_OURS.contains(c.group(1))) {
                    out.add(file + ":" + (i + 1) + ": " + c.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void everyClassTheDocsNameExists() throws IOException {
        Path root = ProjectFiles.root();
        Set<String> declared = declaredClasses(root);
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> md = Files.list(root.resolve("docs"))) {
            docs.addAll(md.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        List<String> problems = new ArrayList<>();
        for (Path d : docs) problems.addAll(unknown(root.relativize(d).toString(), Files.readString(d), declared));
        assertEquals(List.of(), problems, "the docs name classes the sources do not have");
    }

    @Test
    void aVanishedClassIsCaught() {
        assertEquals(List.of("x.md:2: GoneActor"), unknown("x.md", "`IovaTree` and `linux-6.1`\nthe `GoneActor.Flush` message, `iova_magazine`",
                Set.of("IovaTree")));
    }
}
