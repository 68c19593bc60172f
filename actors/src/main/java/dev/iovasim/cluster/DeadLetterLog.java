package dev.iovasim.cluster;

import akka.actor.AllDeadLetters;
import akka.actor.DeadLetter;
import akka.actor.Dropped;
import akka.actor.SuppressedDeadLetter;
import akka.actor.UnhandledMessage;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.Behaviors;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts a node's undelivered messages by kind and message type. With the system property
 * {@value #PRINT_PROPERTY} set to true (the soak sets it in every JVM) it prints the counts whenever
 * they grew (at most every {@link #EVERY}) and once when the node stops, as
 * {@code dead letters: N (dead CpuActor.Flushed=3, suppressed ...=1)}. Akka's own dead-letter
 * logging is off in node-config (it logs the first few and then stops): a soak must see them all.
 * What each type means is in docs/cluster-notes.md.
 */
public final class DeadLetterLog {
    /** The line's prefix, for whoever reads a node's output. */
    public static final String PREFIX = "dead letters: ";
    public static final String PRINT_PROPERTY = "iovasim.print-dead-letters";
    public static final Duration EVERY = Duration.ofSeconds(5);

    private final Map<String, Long> counts = new TreeMap<>();
    private long total;
    private long printed;

    private DeadLetterLog() {
    }

    /** Subscribes a counter to {@code system}'s event stream; its final line comes at termination. */
    public static DeadLetterLog install(ActorSystem<?> system, PrintStream err) {
        DeadLetterLog log = new DeadLetterLog();
        PrintStream out = Boolean.getBoolean(PRINT_PROPERTY) ? err : new PrintStream(PrintStream.nullOutputStream());
        ActorRef<Object> counter = system.systemActorOf(log.behavior(out), "iovasim-dead-letters", Props.empty());
        system.eventStream().tell(new EventStream.Subscribe<>(AllDeadLetters.class, counter.narrow()));
        system.getWhenTerminated().thenRun(() -> out.println(log.line()));
        return log;
    }

    private Behavior<Object> behavior(PrintStream out) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay("print", "print", EVERY);
            return Behaviors.receiveMessage(m -> {
                if (m instanceof AllDeadLetters d) {
                    count(d);
                } else if (m.equals("print")) {
                    synchronized (this) {
                        if (total != printed) {
                            printed = total;
                            out.println(line());
                        }
                    }
                }
                return Behaviors.same();
            });
        });
    }

    private synchronized void count(AllDeadLetters d) {
        counts.merge(kind(d) + " " + type(d.message()), 1L, Long::sum);
        total++;
    }

    static String kind(AllDeadLetters d) {
        if (d instanceof SuppressedDeadLetter) return "suppressed";
        if (d instanceof Dropped) return "dropped";
        if (d instanceof UnhandledMessage) return "unhandled";
        if (d instanceof DeadLetter) return "dead";
        return "other";
    }

    /** The class name without its package, nested classes joined by a dot: CpuActor.Flushed. */
    static String type(Object message) {
        String n = message.getClass().getName();
        return n.substring(n.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** The counts so far, as printed. */
    public synchronized String line() {
        String by = counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return PREFIX + total + (total == 0 ? "" : " (" + by + ")");
    }
}
