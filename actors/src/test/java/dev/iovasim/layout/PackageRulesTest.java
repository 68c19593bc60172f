package dev.iovasim.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.metrics.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every main package of the allocator, actors and benchmarks modules has a package-info.java that
 * ends with a "May import:" line, and the package's sources use no other iovasim package than
 * those it names (read from the imports and the fully qualified names in the code, comments and
 * strings left out), so the layout rules cannot rot. No ArchUnit: the sources are read as text.
 */
class PackageRulesTest {
    private static final List<String> MODULES = List.of("allocator", "actors", "benchmarks");
    private static final Pattern MAY_IMPORT = Pattern.compile("May import:(.*?)(?:\\*/|<p>)", Pattern.DOTALL);
    private static final Pattern PACKAGE_NAME = Pattern.compile("dev\\.iovasim(?:\\.[a-z]\\w*)*");
    /** A use of another package's class: lower-case segments, then a capitalised name. */
    private static final Pattern USE = Pattern.compile("\\b(dev\\.iovasim(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Each main package's directory, by package name. */
    static Map<String, Path> packages() throws IOException {
        Map<String, Path> out = new TreeMap<>();
        for (String module : MODULES) {
            Path src = ProjectFiles.root().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    out.put(src.relativize(f.getParent()).toString().replace('/', '.'), f.getParent());
                }
            }
        }
        return out;
    }

    /** The packages named after "May import:"; "any" for the top package; empty for none. */
    static Set<String> mayImport(Path packageInfo) throws IOException {
        Matcher m = MAY_IMPORT.matcher(Files.readString(packageInfo));
        assertTrue(m.find(), packageInfo + ": no \"May import:\" paragraph");
        Set<String> named = new TreeSet<>();
        if (m.group(1).strip().startsWith("any package")) named.add("any");
        Matcher p = PACKAGE_NAME.matcher(m.group(1));
        while (p.find()) named.add(p.group());
        return named;
    }

    /** The code of a Java file without its comments and string literals. */
    static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }

    @Test
    void everyPackageSaysWhatItOwnsAndMayImport() throws IOException {
        List<String> problems = new ArrayList<>();
        for (var e : packages().entrySet()) {
            Path info = e.getValue().resolve("package-info.java");
            if (!Files.exists(info)) {
                problems.add(e.getKey() + ": no package-info.java");
            } else if (!MAY_IMPORT.matcher(Files.readString(info)).find()) {
                problems.add(e.getKey() + ": package-info.java has no \"May import:\" paragraph");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noPackageUsesOneItsPackageInfoDoesNotAllow() throws IOException {
        Map<String, Path> packages = packages();
        List<String> problems = new ArrayList<>();
        for (var e : packages.entrySet()) {
            Path info = e.getValue().resolve("package-info.java");
            if (!Files.exists(info)) continue;
            Set<String> allowed = mayImport(info);
            for (String named : allowed) {
                if (!named.equals("any") && !packages.containsKey(named)) problems.add(info + " names " + named + ", no such package");
            }
            if (allowed.contains("any")) continue;
            try (Stream<Path> files = Files.list(e.getValue())) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher m = USE.matcher(code(Files.readString(f)));
                    Set<String> bad = new TreeSet<>();
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(e.getKey()) && !allowed.contains(used)) bad.add(used);
                    }
                    if (!bad.isEmpty()) problems.add(f.getFileName() + " (" + e.getKey() + ") uses " + bad);
                }
            }
        }
        assertEquals(List.of(), problems, "a package uses one its package-info.java does not list under \"May import:\"");
    }

    /** README.md's architecture diagram shows every package of the two modules, as {@code name/}. */
    @Test
    void theReadmeDiagramShowsEveryPackage() throws IOException {
        String readme = Files.readString(ProjectFiles.root().resolve("README.md"));
        int from = readme.indexOf("## Architecture");
        String diagram = readme.substring(from, readme.indexOf("\n## ", from + 1));
        List<String> missing = new ArrayList<>();
        for (String p : packages().keySet()) {
            if (p.startsWith("dev.iovasim.bench") || p.equals("dev.iovasim.allocator")) continue;
            String last = p.substring(p.lastIndexOf('.') + 1);
            if (!diagram.contains(last + "/")) missing.add(p);
        }
        assertEquals(List.of(), missing, "README.md's architecture diagram lacks these packages");
    }

    @Test
    void theRulesCatchAUseTheyDoNotAllow() {
        Matcher m = USE.matcher(code("import dev.iovasim.cli.Main; // dev.iovasim.sweep.X\n"
                + "String s = \"dev.iovasim.metrics.Y\"; dev.iovasim.allocator.workload.Workload w;"));
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group(1));
        assertEquals(List.of("dev.iovasim.cli", "dev.iovasim.allocator.workload"), found);
    }
}
