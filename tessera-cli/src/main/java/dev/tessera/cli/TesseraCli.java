package dev.tessera.cli;

import dev.tessera.errors.TesseraException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code tessera} command: list, run, compare and demo the examples. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "tessera 0.1.0-SNAPSHOT",
        description = "Tessera: a Java re-creation of the PTO2 task runtime with parallel SPMD block dispatch.",
        subcommands = {ListCommand.class, RunCommand.class, CompareCommand.class, DemoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success; for run/demo: the output matched the golden (PASS); for compare: both runs did",
                "1:an output did not match the golden (FAIL)",
                "2:bad command line",
                "3:a run failed with an error",
                "4:an output file (--trace, --stats, --out) could not be written"})
public final class TesseraCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use list, run, compare, demo, bench or help");
    }

    public static void main(String[] args) {
        // UTF-8 explicitly: the summary prints "µs" and the default console charset may be ASCII.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /** Runs the command line with the given streams and returns the exit code (see {@link ExitCodes}). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TesseraCli())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(TesseraCli::badCommandLine)
                .setExecutionExceptionHandler(TesseraCli::runFailed);
        // The examples' cases and options are known only at run time: list them under run's and compare's usage.
        String footer = "%nCases and options of the examples (after EXAMPLE):%n" + ExampleArgs.catalogue().replace("%", "%%");
        for (String command : new String[] {"run", "compare"}) {
            cli.getSubcommands().get(command).getCommandSpec().usageMessage().footer(footer);
        }
        return cli.execute(args);
    }

    /**
     * A bad command line: the message (which says what is valid), suggestions for a mistyped
     * command or option, and where to find the usage, instead of picocli's full usage text.
     */
    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException && cli.getParent() == null && !args[0].startsWith("-")) {
            // A mistyped command: picocli's "unmatched argument" does not say which commands exist.
            err.println("tessera: unknown command '" + args[0] + "': use " + String.join(", ", cli.getSubcommands().keySet()));
        } else {
            err.println("tessera: " + e.getMessage());
        }
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try 'tessera " + helpPath(cli) + "--help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** {@code "run "} for the run command, {@code ""} for the top level. */
    private static String helpPath(CommandLine cli) {
        String path = cli.getCommandSpec().qualifiedName(" ");
        int space = path.indexOf(' ');
        return space < 0 ? "" : path.substring(space + 1) + " ";
    }

    /**
     * A command that throws: one clear line for runtime errors and unwritable outputs, the stack trace
     * as well for anything else (a bug).
     */
    private static int runFailed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof MachineOptions.BadOptionsException) {
            err.println("tessera: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (e instanceof TraceFiles.OutputException) {
            err.println("tessera: " + e.getMessage());
            err.flush();
            return ExitCodes.OUTPUT_ERROR;
        }
        err.println("tessera: the run failed: " + e.getMessage());
        if (!(e instanceof TesseraException)) e.printStackTrace(err);
        err.flush();
        return ExitCodes.RUN_ERROR;
    }
}
