package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A flag that means the same in several commands is defined once (a mixin), so it reads the same
 * in each: a copy that drifts from the others fails here. {@code node} is left out: its flags are
 * its settings' keys, each naming the IOVASIM_ variable that also sets it.
 */
class SharedFlagsTest {
    private static final List<String> SHARED = List.of("--search", "--invalidation", "--magazine-size", "--check-every",
            "--forcedac", "--arch", "--interval", "--timeseries", "--link-delay", "--node-hosts", "--tls");

    @Test
    void aSharedFlagHasOneTypeDefaultAndHelpText() {
        for (String flag : SHARED) {
            Map<String, String> seen = new TreeMap<>();
            for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
                OptionSpec o = sub.getCommandSpec().findOption(flag);
                if (o == null || sub.getCommandName().equals("node")) continue;
                seen.put(sub.getCommandName(), o.type().getName() + " | " + o.defaultValue() + " | " + String.join(" ", o.description()));
            }
            assertTrue(seen.size() >= 2, flag + ": taken by " + seen.keySet() + " only, so not shared");
            assertEquals(1, new HashSet<>(seen.values()).size(), flag + " differs between commands: " + seen);
        }
    }
}
