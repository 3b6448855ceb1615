package dev.tessera.cli;

import dev.tessera.examples.Example;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run one example, print a summary and check the result against its golden.",
        "Exit code 0 on PASS, 1 on FAIL, 2 on a bad command line, 3 when the run fails."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXAMPLE", converter = Converters.ExampleConverter.class,
            completionCandidates = Converters.ExampleNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    Example example;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        ExampleRunner.Outcome outcome = ExampleRunner.run(example, options);
        Report.print(spec.commandLine().getOut(), outcome);
        return outcome.verdict().passed() ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
