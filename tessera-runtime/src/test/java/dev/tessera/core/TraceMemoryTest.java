package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A traced run keeps every block in memory, and building the trace costs several times more. A
 * run too large for the heap used to run every kernel and then die of a raw OutOfMemoryError while
 * its trace was built; the trace budget now ends it early with TRACE_TOO_LARGE naming tracing as
 * the cause.
 */
@Timeout(180)
class TraceMemoryTest {
    private static final int TASKS = 200_000;

    @Test
    void aTracedRunTooLargeForTheHeapFailsEarlyWithATypedErrorNamingTracing() throws Exception {
        ForkedJvm r = ForkedJvm.run(List.of("-Xmx64m"), TracedRunMain.class, Integer.toString(TASKS));
        assertEquals(3, r.exitCode(), r.output());
        String line = r.output()
                .lines()
                .filter(l -> l.startsWith("ERROR "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.output()));
        String[] parts = line.split(" ", 4);
        assertEquals("TRACE_TOO_LARGE", parts[1], line);
        assertTrue(Long.parseLong(parts[2]) < TASKS, "ended before running every kernel: " + line);
        assertTrue(parts[3].contains("--trace") && parts[3].contains("trace(true)") && parts[3].contains("-Xmx"), line);
    }

    @Test
    void theSameRunFitsWhenTheHeapDoes() throws Exception {
        ForkedJvm r = ForkedJvm.run(List.of("-Xmx256m"), TracedRunMain.class, "5000");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("PASS 5000 5000"), r.output());
    }
}
