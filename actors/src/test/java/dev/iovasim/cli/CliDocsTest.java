package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/cli.md states what the code does: its commands' summaries and the exit statuses. */
class CliDocsTest {
    private static String doc() throws IOException {
        return Files.readString(ExamplesReplayCliTest.examples().resolveSibling("docs").resolve("cli.md"));
    }

    /** The rows of the table under {@code heading}, as first cell to second cell. */
    private static Map<String, String> table(String doc, String heading) {
        Map<String, String> rows = new LinkedHashMap<>();
        String section = doc.substring(doc.indexOf(heading));
        for (String line : section.lines().skip(1).toList()) {
            if (line.startsWith("## ")) break;
            if (!line.startsWith("| ") || line.startsWith("|---")) continue;
            String[] cells = line.split(" \\| ");
            rows.put(cells[0].substring(2).replace("`", "").strip(), cells[1].replaceAll("\\s*\\|$", "").strip());
        }
        return rows;
    }

    @Test
    void theCommandTableHoldsEveryCommandsSummary() throws IOException {
        Map<String, String> want = new LinkedHashMap<>();
        for (var e : Main.commandLine().getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().userObject() instanceof CommandLine.HelpCommand) continue;
            want.put(e.getKey(), e.getValue().getCommandSpec().usageMessage().header()[0]);
        }
        Map<String, String> got = table(doc(), "## Commands");
        got.remove("command");
        assertEquals(want, got);
    }

    @Test
    void theExitCodeTableIsTheOneTheCodeUses() throws IOException {
        Map<String, String> got = table(doc(), "## Exit codes");
        got.remove("status");
        assertEquals(ExitCodes.meanings(), got);
        List<Integer> codes = new ArrayList<>(List.of(ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CONSERVATION,
                ExitCodes.TREE_LOST));
        assertEquals(List.of(0, 1, 2, 3, 4), codes);
        assertEquals(ExitCodes.TREE_LOST, dev.iovasim.cluster.CpuNode.EXIT_TREE_LOST);
        assertTrue(doc().contains("every 10 s"));
    }
}
