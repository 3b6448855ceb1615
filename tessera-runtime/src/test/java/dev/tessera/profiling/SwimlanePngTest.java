package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwimlanePngTest {

    private static int pixelsOf(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
        }
        return n;
    }

    @Test
    void writesAPngThatDecodesWithASaneSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lanes.png");
        SwimlanePng.write(SampleTraces.parallel(), file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO could not decode " + file);
        assertEquals(SwimlanePng.DEFAULT_WIDTH, image.getWidth());
        assertTrue(image.getHeight() > 75 * 5 && image.getHeight() < 2000, "height " + image.getHeight());
    }

    @Test
    void blocksAreDrawnInTheirTaskColour() {
        BufferedImage image = SwimlanePng.render(SampleTraces.parallel());
        int colour = Palette.task(0).getRGB() & 0xFFFFFF;
        // 24 blocks of 20 us on a 57 us axis are wide, so the task colour covers many pixels
        assertTrue(pixelsOf(image, colour) > 24 * 100, "task colour pixels: " + pixelsOf(image, colour));
    }

    @Test
    void comparisonStacksBothRunsOnOneScale(@TempDir Path dir) throws Exception {
        BufferedImage single = SwimlanePng.render(SampleTraces.serial());
        BufferedImage parallelAlone = SwimlanePng.render(SampleTraces.parallel());
        Path file = dir.resolve("compare.png");
        SwimlanePng.writeComparison(SampleTraces.serial(), SampleTraces.parallel(), file);
        BufferedImage both = ImageIO.read(file.toFile());
        assertEquals(single.getWidth(), both.getWidth());
        assertTrue(both.getHeight() > 2 * single.getHeight(), "two panels and a gap");
        // both panels share the serial run's longer scale, so the parallel blocks are narrower than
        // in the parallel run's own picture, and the serial ones as wide as in theirs
        int colour = Palette.task(0).getRGB() & 0xFFFFFF;
        assertTrue(pixelsOf(both, colour) < pixelsOf(single, colour) + pixelsOf(parallelAlone, colour));
        assertTrue(pixelsOf(both, colour) > 2 * pixelsOf(single, colour) * 9 / 10);
        assertTrue(Files.size(file) > 1000);
    }

    /**
     * A stacked panel is titled by its run's name, not by the policy its trace records: the
     * {@code compare --bound} run records the policy it was derived from, and was once drawn as a
     * second panel of that policy.
     */
    @Test
    void stackedPanelsAreTitledByTheirRunsNames() {
        Trace parallel = SampleTraces.parallel();
        assertTrue(SwimlanePng.title("bound", parallel).startsWith("bound on "), SwimlanePng.title("bound", parallel));
        BufferedImage stack = SwimlanePng.renderStack(
                List.of(SampleTraces.serial(), parallel), List.of("serial", "bound"), SwimlanePng.DEFAULT_WIDTH);
        assertTrue(stack.getHeight() > 2 * SwimlanePng.render(parallel).getHeight(), "two panels and a gap");
        assertThrows(
                IllegalArgumentException.class,
                () -> SwimlanePng.renderStack(List.of(parallel), List.of("a", "b"), SwimlanePng.DEFAULT_WIDTH));
    }
}
