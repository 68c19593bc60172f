package dev.iovasim.cli;

import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.allocator.Arch;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.capture.CaptureFormat;
import dev.iovasim.sweep.EngineRegistry;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The names help texts list, taken from the catalogues the code accepts (picocli's
 * {@code completionCandidates}, shown by {@code ${COMPLETION-CANDIDATES}}), so help cannot
 * list a name the code refuses or miss one it takes.
 */
final class CompletionCandidates {
    private CompletionCandidates() {
    }

    /** Kernel presets: {@link dev.iovasim.allocator.Presets#names()}. */
    static final class Presets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return dev.iovasim.allocator.Presets.names().iterator();
        }
    }

    /** Architectures: {@link Arch#values()}. */
    static final class Arches implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Arch.values()).map(Arch::word).iterator();
        }
    }

    /** Workload names: {@link WorkloadCatalogue#all()}. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return WorkloadCatalogue.all().stream().map(WorkloadCatalogue.Entry::name).iterator();
        }
    }

    /** simulate's and replay's engines: {@link EngineRegistry#sortedNames()}. */
    static final class SimulateEngines implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return EngineRegistry.sortedNames().iterator();
        }
    }

    /** sweep's engines: the registry this build has. */
    static final class SweepEngines implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            try (EngineRegistry r = SweepCommand.engines.get()) {
                return List.copyOf(r.engines()).iterator();
            }
        }
    }

    /** Flush fan-out shapes: {@link FanOutCatalogue}. */
    static final class FanOuts implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FanOutCatalogue.names().iterator();
        }
    }

    /** Tree searches: {@link SearchOption#MODES}. */
    static final class Searches implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SearchOption.MODES.iterator();
        }
    }

    /** Capture formats of {@code import}: {@link CaptureFormat}. */
    static final class CaptureFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(CaptureFormat.values()).map(CaptureFormat::id).iterator();
        }
    }

    /** Scenarios of {@code scenario run}: {@link dev.iovasim.scenario.Catalogue}. */
    static final class ScenarioNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return dev.iovasim.scenario.Catalogue.names().iterator();
        }
    }
}
