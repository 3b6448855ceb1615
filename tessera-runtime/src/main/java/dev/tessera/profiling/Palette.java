package dev.tessera.profiling;

import java.awt.Color;

/**
 * One colour per task, the same in the PNG and the HTML view. Hues step by the golden angle so
 * that tasks submitted one after another, which sit next to each other on a swimlane, never get
 * similar colours.
 */
final class Palette {
    private static final float GOLDEN_ANGLE = 0.381966f;

    private Palette() {}

    static Color task(int taskIndex) {
        float hue = (taskIndex * GOLDEN_ANGLE + 0.58f) % 1f;
        float saturation = taskIndex % 2 == 0 ? 0.55f : 0.70f;
        float brightness = taskIndex % 3 == 2 ? 0.75f : 0.88f;
        return Color.getHSBColor(hue, saturation, brightness);
    }

    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
