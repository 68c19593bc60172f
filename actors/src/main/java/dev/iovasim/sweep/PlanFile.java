package dev.iovasim.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DIR/plan.txt: the sweep's flags in canonical form ({@code key=value} lines) and the command
 * lines that ran it ({@code # command: ...}), so {@code --resume DIR} continues the same sweep
 * and refuses a different one.
 *
 * @param args     the plan's canonical flags
 * @param commands every command line that worked on this sweep, the first one first
 */
public record PlanFile(Map<String, String> args, List<String> commands) {
    public static final String NAME = "plan.txt";
    private static final String COMMAND = "# command: ";

    public PlanFile {
        args = Map.copyOf(args);
        commands = List.copyOf(commands);
    }

    public PlanFile withCommand(String command) {
        List<String> c = new ArrayList<>(commands);
        c.add(command);
        return new PlanFile(args, c);
    }

    public static PlanFile read(Path dir) throws IOException {
        Path f = dir.resolve(NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--resume " + dir + ": no " + NAME + " there (not a sweep directory)");
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(COMMAND)) {
                commands.add(line.substring(COMMAND.length()));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                if (eq < 1) throw new IllegalArgumentException(f + ":" + (i + 1) + ": expected key=value, got '" + line + "'");
                args.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new PlanFile(args, commands);
    }

    public void write(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("# iovasim sweep plan: --resume compares its flags with these\n");
        for (String c : commands) b.append(COMMAND).append(c).append('\n');
        for (String k : SweepPlan.KEYS) {
            if (args.containsKey(k)) b.append(k).append('=').append(args.get(k)).append('\n');
        }
        Files.writeString(dir.resolve(NAME), b.toString(), StandardCharsets.UTF_8);
    }
}
