package dev.tessera.cli;

import dev.tessera.examples.Example;
import dev.tessera.examples.Examples;
import dev.tessera.examples.run.Platforms;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import java.util.Iterator;
import java.util.List;
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
                throw new TypeConversionException(why.contains(value) ? why : "invalid topology '" + value + "': " + why);
            }
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
            return Examples.byName(value).orElseThrow(() -> new TypeConversionException(
                    "unknown example '" + value + "': use one of " + String.join(", ", Examples.names())
                            + " (tessera list describes them)"));
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
