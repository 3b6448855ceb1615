package dev.tessera.sweep.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM options ./tessera sweep, the daemons and these tests run Spark with are what Spark's own
 * launcher passes, less opens of packages this JDK no longer has; this JVM got them too.
 */
class SparkJvmOptionsTest {
    static List<String> ours() throws IOException {
        try (InputStream in =
                SparkJvmOptionsTest.class.getResourceAsStream("/dev/tessera/sweep/spark-jvm-options.txt")) {
            return List.of(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
        }
    }

    @Test
    void sparksOwnOptionsAreAllThere() throws IOException {
        List<String> ours = ours();
        List<String> missing = new ArrayList<>();
        for (String opt : JavaModuleOptions.defaultModuleOptionArray()) {
            if (!ours.contains(opt) && packageExists(opt)) missing.add(opt);
        }
        assertTrue(missing.isEmpty(), "Spark's launcher passes these and tessera-sweep's pom does not: " + missing);
    }

    @Test
    void thisJvmRunsWithThem() throws IOException {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String opt : ours()) assertTrue(args.contains(opt), "surefire's argLine lacks " + opt);
    }

    /** {@code --add-opens=java.base/sun.security.action=ALL-UNNAMED} names a package JDK 25 removed. */
    private static boolean packageExists(String opt) {
        if (!opt.startsWith("--add-opens=")) return true;
        String target = opt.substring("--add-opens=".length(), opt.lastIndexOf('='));
        String module = target.substring(0, target.indexOf('/'));
        String pkg = target.substring(target.indexOf('/') + 1);
        Set<String> packages =
                ModuleLayer.boot().findModule(module).map(Module::getPackages).orElse(Set.of());
        return packages.contains(pkg);
    }
}
