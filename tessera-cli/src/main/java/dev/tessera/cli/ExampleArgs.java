package dev.tessera.cli;

import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleCase;
import dev.tessera.examples.ExampleOption;
import dev.tessera.examples.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The example's own options on a command line: {@code --case NAME} picks a preset, and every option
 * the example declares is spelled {@code --NAME VALUE} or {@code --NAME=VALUE}. picocli cannot know
 * these options in advance (they depend on the example), so the commands collect whatever it did
 * not match and this class checks it against the example: anything unknown or invalid is a bad
 * command line (exit 2) with a message saying what is valid.
 */
final class ExampleArgs {
    private ExampleArgs() {}

    /** The checked options of {@code example} from {@code --case} and the unmatched arguments. */
    static Options resolve(CommandLine cli, Example example, String caseName, List<String> unmatched, boolean compute) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> args = unmatched == null ? List.of() : unmatched;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ParameterException(cli, "unexpected argument '" + arg + "'" + optionsHint(example));
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ParameterException(cli, "option --" + name + " needs a value" + optionsHint(example));
            }
            if (!declares(example, name)) {
                // Neither the command's option nor the example's: say both, so a misplaced --policy reads right too.
                throw new ParameterException(
                        cli,
                        "unknown option '--" + name + "': not an option of " + cli.getCommandName()
                                + optionsHint(example));
            }
            if (given.put(name, value) != null)
                throw new ParameterException(cli, "option --" + name + " is given twice");
        }
        try {
            Options options = Options.resolve(example, caseName, given);
            return compute ? options : options.timingOnly();
        } catch (Options.InvalidOptionException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }

    private static boolean declares(Example e, String name) {
        for (ExampleOption o : e.options()) {
            if (o.name().equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private static String optionsHint(Example e) {
        if (e.options().isEmpty()) return ": example " + e.name() + " takes no options of its own";
        List<String> names = new ArrayList<>();
        for (ExampleOption o : e.options()) names.add("--" + o.name());
        return ": options of " + e.name() + " are --case, " + String.join(", ", names);
    }

    /**
     * Every example's cases and options, for {@code list --cases} and the end of {@code help run}:
     * one block per example that has any.
     */
    static String catalogue() {
        StringBuilder sb = new StringBuilder();
        for (Example e : dev.tessera.examples.Examples.all()) {
            if (e.options().isEmpty() && e.cases().isEmpty()) continue;
            sb.append(e.name()).append(System.lineSeparator());
            if (!e.cases().isEmpty()) {
                sb.append("  --case:").append(System.lineSeparator());
                int width = 0;
                for (ExampleCase c : e.cases()) width = Math.max(width, c.name().length());
                for (ExampleCase c : e.cases()) {
                    sb.append(String.format("    %-" + width + "s  %s%n", c.name(), c.description()));
                }
            }
            int width = 0;
            for (ExampleOption o : e.options()) width = Math.max(width, o.name().length() + 2);
            for (ExampleOption o : e.options()) {
                sb.append(String.format(
                        "  %-" + width + "s  %s (%s; default %s)%n",
                        "--" + o.name(),
                        o.description(),
                        o.valuesText(),
                        o.defaultValue()));
            }
        }
        return sb.toString();
    }
}
