package dev.iovasim.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit statuses every command uses, and the text that documents them in each --help. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int CONSERVATION = 3;
    /** A cpu node lost its tree node mid-run (see dev.iovasim.cluster.CpuNode#EXIT_TREE_LOST). */
    public static final int TREE_LOST = 4;

    private ExitCodes() {
    }

    /** Status to meaning, in the order --help lists them; docs/cli.md shows the same list. */
    public static Map<String, String> meanings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "ok");
        m.put(Integer.toString(FAILURE), "failure: the run could not finish (an engine or node error, a write error,"
                + " a failed sweep point, an interrupted sweep)");
        m.put(Integer.toString(USAGE), "usage or input error: a bad flag, file or trace line (the message names which)");
        m.put(Integer.toString(CONSERVATION), "a conservation check failed: a pfn was lost or held twice");
        m.put(Integer.toString(TREE_LOST), "node --role cpus: the tree node was lost mid-run (the message names it; the"
                + " node's partial figures are on standard output)");
        return m;
    }
}
