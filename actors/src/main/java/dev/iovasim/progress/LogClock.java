package dev.iovasim.progress;

import java.util.Locale;

/** Durations as progress lines show them: m:ss, or h:mm:ss past an hour. */
public final class LogClock {
    private LogClock() {
    }

    public static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
