package dev.tessera.sweep.summary;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Box plots of one figure, drawn with Java2D (headless): one panel per workload, each with its own
 * scale, one box per policy in the same colour in every panel. Box: first to third quartile; bar:
 * median; whiskers: p10 and p90 (the summary's figures); dots: values outside the whiskers.
 */
public final class BoxPlots {
    private static final int PANEL_W = 380;
    private static final int PANEL_H = 270;
    private static final int COLUMNS = 3;
    private static final int HEADER = 64;
    private static final Color[] PALETTE = {
        new Color(0x4C72B0),
        new Color(0xDD8452),
        new Color(0x55A868),
        new Color(0xC44E52),
        new Color(0x8172B3),
        new Color(0x937860),
        new Color(0xDA8BC3),
        new Color(0x8C8C8C)
    };

    static {
        // Before AWT first initialises; a GUI host that already did keeps its own mode.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private BoxPlots() {}

    public static void write(Summary s, String figure, Path file) {
        try {
            if (!ImageIO.write(render(s, figure), "png", file.toFile())) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static BufferedImage render(Summary s, String figure) {
        int n = Math.max(1, s.workloads().size());
        int cols = Math.min(COLUMNS, n);
        int rows = (n + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * PANEL_W, HEADER + rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(FigureFormat.title(figure) + " by policy, per workload", 12, 24);
        legend(g, s.policies(), 12, 48);
        for (int i = 0; i < s.workloads().size(); i++) {
            String w = s.workloads().get(i);
            panel(g, w, s.cells().get(w), s.policies(), figure, (i % cols) * PANEL_W, HEADER + (i / cols) * PANEL_H);
        }
        g.dispose();
        return img;
    }

    private static void legend(Graphics2D g, List<String> policies, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < policies.size(); i++) {
            g.setColor(color(i));
            g.fillRect(x, y - 11, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(policies.get(i), x + 19, y);
            x += 19 + fm.stringWidth(policies.get(i)) + 18;
        }
    }

    private static void panel(
            Graphics2D g,
            String workload,
            Map<String, Summary.Cell> cells,
            List<String> policies,
            String figure,
            int x0,
            int y0) {
        int left = x0 + 62, right = x0 + PANEL_W - 14, top = y0 + 30, bottom = y0 + PANEL_H - 26;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(clip(g, workload, PANEL_W - 20), x0 + 10, y0 + 18);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Summary.Cell c : cells.values()) {
            Distribution d = c.figures().get(figure);
            if (d == null) continue;
            lo = Math.min(lo, FigureFormat.scale(figure, d.min()));
            hi = Math.max(hi, FigureFormat.scale(figure, d.max()));
        }
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(left, top, right - left, bottom - top);
        if (lo > hi) {
            g.setColor(Color.GRAY);
            g.drawString("no values", left + 10, (top + bottom) / 2);
            return;
        }
        double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.05, 1e-9);
        double ymin = lo - pad, ymax = hi + pad;
        axis(g, left, right, top, bottom, ymin, ymax);
        int slots = policies.size();
        double slotW = (double) (right - left) / slots;
        for (int i = 0; i < slots; i++) {
            Summary.Cell c = cells.get(policies.get(i));
            Distribution d = c == null ? null : c.figures().get(figure);
            if (d == null) continue;
            double cx = left + slotW * (i + 0.5);
            double bw = Math.min(46, slotW * 0.6);
            box(g, d, figure, cx, bw, color(i), v -> bottom - (v - ymin) / (ymax - ymin) * (bottom - top));
        }
    }

    private interface YScale {
        double y(double value);
    }

    private static void box(Graphics2D g, Distribution d, String figure, double cx, double bw, Color c, YScale s) {
        double q1 = s.y(FigureFormat.scale(figure, d.quantile(0.25))),
                q3 = s.y(FigureFormat.scale(figure, d.quantile(0.75)));
        double med = s.y(FigureFormat.scale(figure, d.median()));
        double p10 = s.y(FigureFormat.scale(figure, d.p10())), p90 = s.y(FigureFormat.scale(figure, d.p90()));
        g.setColor(c.darker());
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine((int) cx, (int) p90, (int) cx, (int) q3);
        g.drawLine((int) cx, (int) q1, (int) cx, (int) p10);
        g.drawLine((int) (cx - bw / 4), (int) p10, (int) (cx + bw / 4), (int) p10);
        g.drawLine((int) (cx - bw / 4), (int) p90, (int) (cx + bw / 4), (int) p90);
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
        g.fillRect((int) (cx - bw / 2), (int) q3, (int) bw, Math.max(1, (int) (q1 - q3)));
        g.setColor(c.darker());
        g.drawRect((int) (cx - bw / 2), (int) q3, (int) bw, Math.max(1, (int) (q1 - q3)));
        g.setStroke(new BasicStroke(2.5f));
        g.setColor(Color.BLACK);
        g.drawLine((int) (cx - bw / 2), (int) med, (int) (cx + bw / 2), (int) med);
        g.setStroke(new BasicStroke(1f));
        double lo = d.p10(), hi = d.p90();
        g.setColor(c.darker());
        for (double v : d.sorted()) {
            if (v >= lo && v <= hi) continue;
            double y = s.y(FigureFormat.scale(figure, v));
            g.draw(new Ellipse2D.Double(cx - 2.5, y - 2.5, 5, 5));
        }
    }

    private static void axis(Graphics2D g, int left, int right, int top, int bottom, double ymin, double ymax) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        double step = niceStep((ymax - ymin) / 5);
        for (double v = Math.ceil(ymin / step) * step; v <= ymax; v += step) {
            int y = (int) (bottom - (v - ymin) / (ymax - ymin) * (bottom - top));
            g.setColor(new Color(0xEEEEEE));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.DARK_GRAY);
            // as many decimals as the step needs: 13.5, 14.0 for a step of 0.5
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            String label =
                    String.format(java.util.Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-6 ? 0 : v);
            g.drawString(label, left - 6 - fm.stringWidth(label), y + 4);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0 || !Double.isFinite(raw)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    private static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    private static String clip(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) return s;
        while (!s.isEmpty() && fm.stringWidth(s + "…") > width) s = s.substring(0, s.length() - 1);
        return s + "…";
    }
}
