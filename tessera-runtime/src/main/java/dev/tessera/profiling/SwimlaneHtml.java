package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-contained interactive swimlane: one HTML file holding the trace as JSON and a small
 * script that draws it as SVG, with no network access at all (it opens from disk, offline).
 *
 * <p>The page shows the scheduler lanes, then one labelled lane per AIC and AIV core; every
 * subtask that ran is an SVG {@code <rect class="blk">} from start to end, coloured per task,
 * every dispatch a {@code <rect class="disp">} on its scheduler's lane (see {@link DispatchSlices}).
 * The mouse wheel zooms around the pointer, dragging pans, a double click resets; hovering a block
 * shows its task, block, core and times and draws its dispatch → start arrow. Once drawn the page
 * sets {@code document.title} and a {@code data-blocks} attribute on {@code <body>} to the number
 * of blocks drawn, so that a headless browser can check it rendered.
 */
public final class SwimlaneHtml {
    private static final JsonFactory JSON = new JsonFactory();

    private SwimlaneHtml() {}

    /** Writes the page to {@code file}, whole or not at all; unpaired surrogates in names become U+FFFD. */
    public static void write(Trace trace, Path file) {
        AtomicFile.writeText(file, render(trace));
    }

    public static String render(Trace trace) {
        // "<" never occurs in JSON outside strings, and escaped inside them it cannot close the script tag
        String data = dataJson(trace).replace("<", "\\u003c");
        return PAGE.replace("/*TRACE-DATA*/", data);
    }

    /** The trace as compact arrays: the page needs only what it draws and shows. */
    static String dataJson(Trace trace) {
        LaneLayout layout = new LaneLayout(trace);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(
                    "title",
                    trace.policy() + " on " + trace.platform() + ", "
                            + trace.topology().name());
            g.writeStringField(
                    "subtitle", trace.topology() + ", makespan " + TimeFormat.micros(trace.makespanNs()) + " µs");
            g.writeNumberField("viewEndNs", trace.viewEndNs());
            g.writeNumberField("makespanNs", trace.makespanNs());
            g.writeArrayFieldStart("lanes");
            for (LaneLayout.Lane lane : layout.lanes()) {
                g.writeStartArray();
                g.writeString(lane.label());
                g.writeString(lane.group());
                g.writeEndArray();
            }
            g.writeEndArray();
            writeTasks(g, trace);
            writeBlocks(g, trace, layout);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeTasks(JsonGenerator g, Trace trace) throws IOException {
        g.writeArrayFieldStart("tasks");
        List<Trace.Task> tasks = trace.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            Trace.Task t = tasks.get(i);
            g.writeStartArray();
            g.writeNumber(t.id());
            g.writeString(t.name());
            g.writeString(t.shapeName());
            g.writeNumber(t.blockNum());
            g.writeString(Palette.hex(Palette.task(i)));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /**
     * blocks: [lane, task index, block, slot, core label, start, end, ready, dispatch, finish seen,
     * scheduler lane]; dispatches: [lane, task index, start, end, index of its block or -1].
     */
    private static void writeBlocks(JsonGenerator g, Trace trace, LaneLayout layout) throws IOException {
        List<Trace.Subtask> subs = trace.subtasks();
        int[] blockRef = new int[subs.size()];
        int drawn = 0;
        g.writeArrayFieldStart("blocks");
        for (int i = 0; i < subs.size(); i++) {
            Trace.Subtask s = subs.get(i);
            blockRef[i] = -1;
            if (!s.ran()) continue;
            blockRef[i] = drawn++;
            g.writeStartArray();
            g.writeNumber(layout.coreLane(s.core()));
            g.writeNumber(trace.taskIndex(s.taskId()));
            g.writeNumber(s.blockIdx());
            g.writeNumber(s.lane());
            g.writeString(trace.topology().coreLabel(s.core()) + " (#" + s.core() + ")");
            g.writeNumber(s.startNs());
            g.writeNumber(s.endNs());
            g.writeNumber(s.readyNs());
            g.writeNumber(s.dispatchNs());
            g.writeNumber(s.finishSeenNs());
            g.writeNumber(s.dispatchNs() == Trace.NONE ? -1 : layout.schedulerLane(s.scheduler()));
            g.writeEndArray();
        }
        g.writeEndArray();
        long[] ends = DispatchSlices.endsOf(trace);
        g.writeArrayFieldStart("dispatches");
        for (int i = 0; i < subs.size(); i++) {
            Trace.Subtask s = subs.get(i);
            if (s.dispatchNs() == Trace.NONE) continue;
            g.writeStartArray();
            g.writeNumber(layout.schedulerLane(s.scheduler()));
            g.writeNumber(trace.taskIndex(s.taskId()));
            g.writeNumber(s.dispatchNs());
            g.writeNumber(ends[i]);
            g.writeNumber(blockRef[i]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /**
     * The page around the data: markup, style and script, in {@code swimlane.html} beside this class
     * so that it can be read and edited as HTML. {@code /*TRACE-DATA*}{@code /} marks where the data goes.
     */
    private static final String PAGE = loadPage();

    private static String loadPage() {
        try (InputStream in = SwimlaneHtml.class.getResourceAsStream("swimlane.html")) {
            if (in == null)
                throw new IllegalStateException("swimlane.html is missing from the classpath beside SwimlaneHtml");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
