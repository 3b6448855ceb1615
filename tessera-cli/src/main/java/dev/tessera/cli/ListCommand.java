package dev.tessera.cli;

import dev.tessera.examples.Example;
import dev.tessera.examples.Examples;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the examples with a one-line description each.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--cases",
            description = "Also list every example's cases (--case NAME) and options (--OPTION VALUE).")
    boolean cases;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = 0;
        for (Example e : Examples.all()) width = Math.max(width, e.name().length());
        for (Example e : Examples.all()) {
            out.printf("%-" + width + "s  %s%n", e.name(), e.description());
        }
        if (cases) {
            out.println();
            out.print(ExampleArgs.catalogue());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
