package dev.tessera.profiling;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;

/**
 * Draws one swimlane panel (title, lanes, axis, legend) at a given height in a picture. The time
 * span is a parameter so that two panels stacked for a comparison share one scale.
 */
final class SwimlanePainter {
    private static final int TITLE_H = 24, AXIS_H = 34, LABEL_W = 84, RIGHT = 16;
    private static final int LEGEND_ROW_H = 16, LEGEND_ENTRY_W = 180, MAX_LEGEND = 24;
    private static final Color LANE_ODD = new Color(0xF3F3F3),
            GRID = new Color(0xDDDDDD),
            GROUP_LINE = new Color(0x888888),
            TEXT = new Color(0x222222);

    private final Trace trace;
    private final String title;
    private final int width;
    private final long spanNs;
    private final LaneLayout layout;
    private final int laneH;
    private final int legendEntries;
    private final int legendRows;

    SwimlanePainter(Trace trace, String title, int width, long spanNs) {
        this.trace = trace;
        this.title = title;
        this.width = width;
        this.spanNs = Math.max(1, spanNs);
        this.layout = new LaneLayout(trace);
        // about 900 pixels of lanes whatever the topology, but never thinner than 5 or thicker than 14
        this.laneH = Math.clamp(Math.round(900f / layout.size()), 5, 14);
        int tasks = trace.tasks().size();
        this.legendEntries = Math.min(tasks, MAX_LEGEND) + (tasks > MAX_LEGEND ? 1 : 0);
        int perRow = Math.max(1, (width - 2 * 8) / LEGEND_ENTRY_W);
        this.legendRows = (legendEntries + perRow - 1) / perRow;
    }

    int height() {
        return TITLE_H + layout.size() * laneH + AXIS_H + legendRows * LEGEND_ROW_H + 8;
    }

    private int plotWidth() {
        return width - LABEL_W - RIGHT;
    }

    private int x(long ns) {
        return LABEL_W + (int) Math.round((double) ns * plotWidth() / spanNs);
    }

    void paint(Graphics2D g, int top) {
        int lanesTop = top + TITLE_H;
        int lanesBottom = lanesTop + layout.size() * laneH;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(TEXT);
        g.drawString(title, 8, top + 16);
        paintLaneBackgrounds(g, lanesTop);
        long step = tickStep();
        paintGrid(g, lanesTop, lanesBottom, step);
        paintBlocks(g, lanesTop);
        paintLabels(g, lanesTop);
        paintAxis(g, lanesBottom, step);
        paintLegend(g, lanesBottom + AXIS_H);
    }

    private void paintLaneBackgrounds(Graphics2D g, int lanesTop) {
        for (int lane = 0; lane < layout.size(); lane++) {
            int y = lanesTop + lane * laneH;
            if (lane % 2 == 1) {
                g.setColor(LANE_ODD);
                g.fillRect(0, y, width, laneH);
            }
            if (layout.startsGroup(lane)) {
                g.setColor(GROUP_LINE);
                g.drawLine(0, y, width, y);
            }
        }
    }

    private void paintGrid(Graphics2D g, int lanesTop, int lanesBottom, long step) {
        g.setColor(GRID);
        for (long t = 0; t <= spanNs; t += step) g.drawLine(x(t), lanesTop, x(t), lanesBottom);
    }

    private void paintBlocks(Graphics2D g, int lanesTop) {
        List<Trace.Subtask> subs = trace.subtasks();
        long[] dispatchEnds = DispatchSlices.endsOf(trace);
        for (int i = 0; i < subs.size(); i++) {
            Trace.Subtask s = subs.get(i);
            Color color = Palette.task(trace.taskIndex(s.taskId()));
            if (s.ran()) {
                int y = lanesTop + layout.coreLane(s.core()) * laneH;
                box(g, color, x(s.startNs()), x(s.endNs()), y + 1, laneH - 2);
            }
            if (s.dispatchNs() != Trace.NONE) {
                int y = lanesTop + layout.schedulerLane(s.scheduler()) * laneH;
                box(g, color, x(s.dispatchNs()), x(dispatchEnds[i]), y + 2, Math.max(1, laneH - 4));
            }
        }
    }

    /** A block at least one pixel wide, outlined when wide enough for the outline to help. */
    private static void box(Graphics2D g, Color color, int x0, int x1, int y, int h) {
        int w = Math.max(1, x1 - x0);
        g.setColor(color);
        g.fillRect(x0, y, w, h);
        if (w >= 5 && h >= 5) {
            g.setColor(color.darker());
            g.drawRect(x0, y, w - 1, h - 1);
        }
    }

    private void paintLabels(Graphics2D g, int lanesTop) {
        int size = Math.min(11, Math.max(7, laneH - 1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        // on thin lanes label every k-th lane so that labels never overprint
        int every = Math.max(1, (int) Math.ceil((size + 1.0) / laneH));
        for (int lane = 0; lane < layout.size(); lane++) {
            int y = lanesTop + lane * laneH;
            g.setColor(lane % 2 == 1 ? LANE_ODD : Color.WHITE);
            g.fillRect(0, y + (layout.startsGroup(lane) ? 1 : 0), LABEL_W - 4, laneH);
            if (lane % every != 0 && !layout.startsGroup(lane)) continue;
            g.setColor(TEXT);
            g.drawString(layout.lanes().get(lane).label(), 6, y + laneH - Math.max(1, (laneH - size) / 2) - 1);
        }
    }

    /** Tick spacing in ns: 1, 2 or 5 × 10^k, about one tick per 110 pixels. */
    private long tickStep() {
        double target = (double) spanNs / Math.max(2, plotWidth() / 110);
        long p = 1;
        while (p * 10 <= target) p *= 10;
        for (long m : new long[] {1, 2, 5, 10}) if (m * p >= target) return m * p;
        return 10 * p;
    }

    private void paintAxis(Graphics2D g, int y, long step) {
        g.setColor(TEXT);
        g.drawLine(LABEL_W, y, LABEL_W + plotWidth(), y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int decimals = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
        for (long t = 0; t <= spanNs; t += step) {
            g.drawLine(x(t), y, x(t), y + 5);
            String label = String.format(Locale.ROOT, "%." + decimals + "f", t / 1000.0);
            g.drawString(label, x(t) - fm.stringWidth(label) / 2, y + 18);
        }
        g.drawString("time (µs)", 6, y + 18);
    }

    private void paintLegend(Graphics2D g, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int perRow = Math.max(1, (width - 2 * 8) / LEGEND_ENTRY_W);
        List<Trace.Task> tasks = trace.tasks();
        for (int e = 0; e < legendEntries; e++) {
            int ex = 8 + (e % perRow) * LEGEND_ENTRY_W, ey = y + (e / perRow) * LEGEND_ROW_H;
            g.setColor(TEXT);
            if (e == MAX_LEGEND) {
                g.drawString("+ " + (tasks.size() - MAX_LEGEND) + " more tasks", ex, ey + 11);
                continue;
            }
            Trace.Task t = tasks.get(e);
            String text = "#" + t.id() + " " + t.name() + " ×" + t.blockNum() + " " + t.shapeName();
            g.drawString(clip(g.getFontMetrics(), text, LEGEND_ENTRY_W - 22), ex + 16, ey + 11);
            g.setColor(Palette.task(e));
            g.fillRect(ex, ey + 2, 11, 11);
        }
    }

    private static String clip(FontMetrics fm, String s, int px) {
        if (fm.stringWidth(s) <= px) return s;
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > px) t = t.substring(0, t.length() - 1);
        return t + "…";
    }
}
