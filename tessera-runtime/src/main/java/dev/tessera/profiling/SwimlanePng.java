package dev.tessera.profiling;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Swimlane pictures as PNG, drawn with Java2D in headless mode (no display needed).
 *
 * <p>{@link #render} draws one run: title, scheduler lanes with their dispatches, one labelled lane
 * per AIC and AIV core with a block per subtask coloured by task, a time axis in microseconds and a
 * legend. {@link #renderComparison} stacks two runs on the same time scale, "before" above
 * "after", which is what {@code tessera compare} saves.
 */
public final class SwimlanePng {
    /** Default picture width in pixels. */
    public static final int DEFAULT_WIDTH = 1600;

    static {
        // must be set before AWT first initialises; a GUI host that already did keeps its own mode
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private SwimlanePng() {}

    public static BufferedImage render(Trace trace) {
        return render(trace, DEFAULT_WIDTH, defaultTitle(trace));
    }

    public static BufferedImage render(Trace trace, int width, String title) {
        SwimlanePainter painter = new SwimlanePainter(trace, title, width, trace.viewEndNs());
        BufferedImage image = blank(width, painter.height());
        Graphics2D g = graphics(image);
        painter.paint(g, 0);
        g.dispose();
        return image;
    }

    public static void write(Trace trace, Path file) {
        save(render(trace), file);
    }

    /** Two runs stacked on one time scale, titled "before (policy)" and "after (policy)". */
    public static BufferedImage renderComparison(Trace before, Trace after) {
        return renderComparison(
                before,
                "before (" + lower(before.policy()) + ")",
                after,
                "after (" + lower(after.policy()) + ")",
                DEFAULT_WIDTH);
    }

    public static BufferedImage renderComparison(
            Trace before, String beforeTitle, Trace after, String afterTitle, int width) {
        long span = Math.max(before.viewEndNs(), after.viewEndNs());
        SwimlanePainter top = new SwimlanePainter(before, beforeTitle + " — " + defaultTitle(before), width, span);
        SwimlanePainter bottom = new SwimlanePainter(after, afterTitle + " — " + defaultTitle(after), width, span);
        int gap = 24;
        BufferedImage image = blank(width, top.height() + gap + bottom.height());
        Graphics2D g = graphics(image);
        top.paint(g, 0);
        g.setColor(new Color(0x888888));
        g.fillRect(0, top.height() + gap / 2 - 1, width, 2);
        bottom.paint(g, top.height() + gap);
        g.dispose();
        return image;
    }

    public static void writeComparison(Trace before, Trace after, Path file) {
        save(renderComparison(before, after), file);
    }

    /**
     * Any number of runs stacked top to bottom on one time scale, each titled by its name in
     * {@code names} (the run's policy, or a name such as "bound" for a run whose trace carries the
     * policy it was derived from).
     */
    public static BufferedImage renderStack(List<Trace> traces, List<String> names, int width) {
        if (traces.isEmpty()) throw new IllegalArgumentException("nothing to draw");
        if (names.size() != traces.size())
            throw new IllegalArgumentException(
                    "a name for each of the " + traces.size() + " runs, got " + names.size());
        long span = 1;
        for (Trace t : traces) span = Math.max(span, t.viewEndNs());
        List<SwimlanePainter> painters = new java.util.ArrayList<>();
        int gap = 24;
        int height = -gap;
        for (int i = 0; i < traces.size(); i++) {
            SwimlanePainter p = new SwimlanePainter(traces.get(i), title(names.get(i), traces.get(i)), width, span);
            painters.add(p);
            height += p.height() + gap;
        }
        BufferedImage image = blank(width, height);
        Graphics2D g = graphics(image);
        int y = 0;
        for (int i = 0; i < painters.size(); i++) {
            if (i > 0) {
                g.setColor(new Color(0x888888));
                g.fillRect(0, y - gap / 2 - 1, width, 2);
            }
            painters.get(i).paint(g, y);
            y += painters.get(i).height() + gap;
        }
        g.dispose();
        return image;
    }

    public static void writeStack(List<Trace> traces, List<String> names, Path file) {
        save(renderStack(traces, names, DEFAULT_WIDTH), file);
    }

    private static String defaultTitle(Trace trace) {
        return title(trace.policy(), trace);
    }

    static String title(String runName, Trace trace) {
        return runName + " on " + trace.platform() + ", "
                + trace.topology().name() + " ("
                + trace.topology().clusters() + " clusters, " + trace.topology().schedulers()
                + " schedulers), makespan "
                + TimeFormat.micros(trace.makespanNs()) + " µs";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static BufferedImage blank(int width, int height) {
        if (width < 200)
            throw new IllegalArgumentException("a swimlane needs at least 200 pixels of width, got " + width);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static void save(BufferedImage image, Path file) {
        AtomicFile.write(file, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) throw new IOException("no PNG writer available");
        });
    }
}
