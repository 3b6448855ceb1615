package dev.tessera.cli;

import dev.tessera.examples.Example;
import dev.tessera.examples.Examples;
import dev.tessera.examples.run.Platforms;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the option values. Each turns a parse failure into a message that says
 * what is valid; picocli prints it with the usage and exits with code 2.
 */
final class Converters {
    private Converters() {}

    static final class TopologyConverter implements ITypeConverter<Topology> {
        private static final String FORMS = "use a2a3, a5, a5:S, host or CxS (C clusters, S schedulers)";

        @Override
        public Topology convert(String value) {
            try {
                return Topology.parse(value);
            } catch (NumberFormatException e) {
                // A number too large for an int: the parser's own message would only quote the digits.
                throw new TypeConversionException("invalid topology '" + value + "': " + FORMS);
            } catch (IllegalArgumentException e) {
                // Unknown names get the valid forms from the parser; impossible sizes say what is wrong.
                String why = e.getMessage();
                throw new TypeConversionException(
                        why.contains(value) ? why : "invalid topology '" + value + "': " + why);
            }
        }
    }

    static final class CoresConverter implements ITypeConverter<CoreExecutor> {
        @Override
        public CoreExecutor convert(String value) {
            try {
                return CoreExecutor.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A file or folder; an empty path would silently mean the current folder. */
    static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) throw new TypeConversionException("an empty path: give a file or folder name");
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("invalid path '" + value + "': " + e.getReason());
            }
        }
    }

    /** A simulated duration such as {@code 30s}, {@code 500ms}, {@code 2m} or {@code 20000000000ns}, in nanoseconds. */
    static final class SimTimeConverter implements ITypeConverter<Long> {
        private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)");
        private static final String FORMS = "use a number and a unit: ns, us, ms, s, m or h, e.g. 30s or 500ms";

        @Override
        public Long convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) throw new TypeConversionException("invalid duration '" + value + "': " + FORMS);
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m", "min" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
            if (ns.compareTo(BigDecimal.ONE) < 0
                    || ns.compareTo(BigDecimal.valueOf(SimPlatform.MAX_TIME_LIMIT_NS)) > 0) {
                throw new TypeConversionException("duration '" + value + "' is outside 1 ns .. "
                        + SimPlatform.MAX_TIME_LIMIT_NS + " ns (about 31 years)");
            }
            return ns.setScale(0, RoundingMode.CEILING).longValueExact();
        }
    }

    static final class PolicyConverter implements ITypeConverter<DispatchPolicy> {
        @Override
        public DispatchPolicy convert(String value) {
            try {
                return DispatchPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code reserve} and {@code freeze}: the command line's names of the {@link SyncStartMode}s. */
    static final class SyncStartConverter implements ITypeConverter<SyncStartMode> {
        @Override
        public SyncStartMode convert(String value) {
            try {
                return dev.tessera.examples.run.SyncStartNames.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PlatformConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return Platforms.canonicalName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ExampleConverter implements ITypeConverter<Example> {
        @Override
        public Example convert(String value) {
            return Examples.byName(value)
                    .orElseThrow(() -> new TypeConversionException("unknown example '" + value + "': use one of "
                            + String.join(", ", Examples.names()) + " (tessera list describes them)"));
        }
    }

    /** Completion candidates and the {@code ${COMPLETION-CANDIDATES}} of help texts. */
    static final class PolicyNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("parallel", "serial").iterator();
        }
    }

    static final class SyncStartNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return dev.tessera.examples.run.SyncStartNames.NAMES.iterator();
        }
    }

    static final class PlatformNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Platforms.names().iterator();
        }
    }

    static final class ExampleNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Examples.names().iterator();
        }
    }
}
