package dev.tessera.cli;

import dev.tessera.errors.TesseraException;
import dev.tessera.platform.sim.SimTimeLimitExceededException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code tessera} command: list, run, compare and demo the examples. */
@Command(
        name = "tessera",
        mixinStandardHelpOptions = true,
        version = "tessera 0.1.0-SNAPSHOT",
        description = "Tessera: a Java re-creation of the PTO2 task runtime with parallel SPMD block dispatch.",
        subcommands = {
            ListCommand.class,
            RunCommand.class,
            CompareCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; for run/demo: the output matched the golden (PASS); for compare: both runs did",
            "1:an output did not match the golden (FAIL)",
            "2:bad command line",
            "3:a run failed with an error (also: out of memory)",
            "4:an output could not be written (--trace, --stats, --out, --json, standard output)"
        })
public final class TesseraCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(), "missing command: use list, run, compare, demo, bench or help");
    }

    public static void main(String[] args) {
        // UTF-8 explicitly: the summary prints "µs" and the default console charset may be ASCII.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(out, err, args);
        System.exit(checkStandardOutput(out, System.out, err, code));
    }

    /**
     * Print streams swallow write errors: a report sent to a full disk ({@code > /dev/full}) or a
     * closed pipe would be lost while the command still exits 0. Checked once, at the end: a
     * command that succeeded then exits {@link ExitCodes#OUTPUT_ERROR} instead.
     */
    static int checkStandardOutput(PrintWriter out, PrintStream stdout, PrintWriter err, int code) {
        if (!out.checkError() && !stdout.checkError()) return code;
        err.println("tessera: cannot write to standard output (disk full, or a closed pipe?): the report was lost");
        err.flush();
        return code == ExitCodes.OK ? ExitCodes.OUTPUT_ERROR : code;
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
        String footer = "%nCases and options of the examples (after EXAMPLE):%n"
                + ExampleArgs.catalogue().replace("%", "%%");
        for (String command : new String[] {"run", "compare"}) {
            cli.getSubcommands().get(command).getCommandSpec().usageMessage().footer(footer);
        }
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands Exceptions to runFailed but lets Errors through: out of memory, stack overflow.
            err.println(jvmError(e));
            err.flush();
            return ExitCodes.RUN_ERROR;
        }
    }

    /** One line for an Error that ended a command: what happened and what to do. */
    static String jvmError(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "tessera: out of memory (" + e.getMessage()
                    + "): give the JVM more heap, e.g. TESSERA_JAVA_OPTS=-Xmx8g ./tessera ...,"
                    + " or run something smaller (a smaller --topology, without --trace/--stats)";
        }
        if (e instanceof StackOverflowError) {
            return "tessera: stack overflow: give threads a larger stack, e.g. TESSERA_JAVA_OPTS=-Xss16m ./tessera ...";
        }
        return "tessera: the JVM failed: " + e
                + " (a resource limit, or a bug: please report it with the command line)";
    }

    /** The first Error in {@code t}'s cause chain (a kernel or orchestration that ran out of memory), or null. */
    private static Error errorIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof Error e) return e;
        return null;
    }

    /**
     * A bad command line: the message (which says what is valid), suggestions for a mistyped
     * command or option, and where to find the usage, instead of picocli's full usage text.
     */
    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException
                && cli.getParent() == null
                && !args[0].startsWith("-")) {
            // A mistyped command: picocli's "unmatched argument" does not say which commands exist.
            err.println("tessera: unknown command '" + args[0] + "': use "
                    + String.join(", ", cli.getSubcommands().keySet()));
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
        Error jvm = errorIn(e);
        if (jvm != null && !(jvm instanceof AssertionError)) {
            err.println(jvmError(jvm));
        } else {
            err.println("tessera: the run failed: " + e.getMessage());
            // Errors the runtime reports are explained by their message; anything else is a bug.
            if (!(e instanceof TesseraException) && !(e instanceof SimTimeLimitExceededException))
                e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.RUN_ERROR;
    }
}
