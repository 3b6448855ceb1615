package dev.tessera.sweep.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration of a sweep: the defaults that suit it, under whatever the user set.
 *
 * <ul>
 *   <li>No web UI and no console progress bar: the sweep prints its own progress.</li>
 *   <li>On a loopback master ({@code local[...]}, {@code spark://127.0.0.1:...}, {@code localhost})
 *       the driver binds to 127.0.0.1, so nothing listens beyond this machine.</li>
 *   <li>Off {@code local}, the jar holding the sweep's classes goes to the executors
 *       ({@code spark.jars}), unless spark-submit already ships it.</li>
 * </ul>
 */
final class SparkSettings {
    private SparkSettings() {}

    static SparkConf of(String master, String appName, Map<String, String> user) {
        SparkConf c = new SparkConf(true).setMaster(master).setAppName(appName);
        c.setIfMissing("spark.ui.enabled", "false");
        c.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (loopback(master)) {
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!master.startsWith("local")) {
            Path jar = ownJar();
            if (jar != null && !c.contains("spark.jars")) c.set("spark.jars", jar.toString());
        }
        user.forEach(c::set);
        return c;
    }

    /** Whether the master is on this machine only. */
    static boolean loopback(String master) {
        if (master.startsWith("local")) return true;
        if (!master.startsWith("spark://")) return false;
        String host = URI.create(master).getHost();
        return host != null && (host.equals("127.0.0.1") || host.equals("localhost"));
    }

    /** The jar this class was loaded from, or null when it runs from a classes folder (tests, an IDE). */
    static Path ownJar() {
        try {
            Path p = Path.of(SparkSettings.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
