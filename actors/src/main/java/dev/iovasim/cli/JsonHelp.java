package dev.iovasim.cli;

import java.util.ListResourceBundle;

/**
 * The help of {@link JsonOption}: one sentence, then what the command's file holds, under the
 * command's qualified name (picocli looks up "iovasim.simulate.json" before "json"). Read through
 * {@link FanOutHelp}, the bundle of both commands; falls back to {@link PolicyHelp}.
 */
public final class JsonHelp extends ListResourceBundle {
    private static final String WRITE = "Also write the figures here as JSON";

    public JsonHelp() {
        setParent(new PolicyHelp());
    }

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"iovasim.simulate.json", WRITE + ": {\"runs\":[...]}, one object per policy and engine."},
            {"iovasim.flushbench.json", WRITE + " (and the bare ones and ratios with --compare-bare)."},
        };
    }
}
