package dev.tessera.cli;

import dev.tessera.examples.Examples;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Run the vector example (f = (a+b+1)(a+b+2)+(a+b) with a = 2, b = 3) and show its result.",
        "Same options and exit codes as run."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        ExampleRunner.Outcome outcome = ExampleRunner.run(Examples.byName("vector").orElseThrow(), options.settings(false));
        Report.print(spec.commandLine().getOut(), outcome);
        return outcome.verdict().passed() ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
