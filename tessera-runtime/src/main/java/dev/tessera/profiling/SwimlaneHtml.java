package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    private SwimlaneHtml() {
    }

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
            g.writeStringField("title", trace.policy() + " on " + trace.platform() + ", " + trace.topology().name());
            g.writeStringField("subtitle", trace.topology() + ", makespan " + TimeFormat.micros(trace.makespanNs()) + " µs");
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

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Tessera swimlane</title>
            <style>
            body { margin: 0; font: 12px system-ui, sans-serif; color: #222; background: #fff; }
            header { padding: 6px 10px; border-bottom: 1px solid #ddd; }
            header .hint { color: #777; }
            svg { display: block; user-select: none; cursor: grab; }
            svg.dragging { cursor: grabbing; }
            .lbl { font-size: 10px; fill: #333; }
            .grp { stroke: #999; stroke-width: 1; }
            .lane-odd { fill: #f6f6f6; }
            .blk { stroke: rgba(0,0,0,0.25); stroke-width: 0.5; }
            .disp { opacity: 0.8; }
            .tick { stroke: #e4e4e4; }
            .ticklbl { font-size: 10px; fill: #555; }
            #flow { stroke: #000; stroke-width: 1.2; marker-end: url(#arrow); }
            #tip { position: fixed; display: none; background: #fffff4; border: 1px solid #888; padding: 4px 6px;
                   pointer-events: none; white-space: pre; font: 11px monospace; box-shadow: 1px 1px 4px rgba(0,0,0,0.2); }
            </style>
            </head>
            <body>
            <header><b id="ttl"></b> <span id="sub"></span>
            <span class="hint">— wheel: zoom, drag: pan, double-click: reset, hover a block for details</span></header>
            <svg id="sv" xmlns="http://www.w3.org/2000/svg"></svg>
            <div id="tip"></div>
            <script type="application/json" id="trace-data">/*TRACE-DATA*/</script>
            <script>
            (function () {
              "use strict";
              const D = JSON.parse(document.getElementById("trace-data").textContent);
              const NS = "http://www.w3.org/2000/svg";
              const LABEL_W = 96, AXIS_H = 22, RIGHT = 12;
              const LANE_H = D.lanes.length > 90 ? 8 : D.lanes.length > 40 ? 11 : 16;
              const H = AXIS_H + D.lanes.length * LANE_H + 4;
              const sv = document.getElementById("sv");
              const tip = document.getElementById("tip");
              document.getElementById("ttl").textContent = D.title;
              document.getElementById("sub").textContent = D.subtitle;

              function el(name, attrs, parent) {
                const e = document.createElementNS(NS, name);
                for (const k in attrs) e.setAttribute(k, attrs[k]);
                if (parent) parent.appendChild(e);
                return e;
              }
              function laneY(lane) { return AXIS_H + lane * LANE_H; }
              function us(ns) { return ns < 0 ? "-" : (ns / 1000).toFixed(3) + " us"; }

              sv.setAttribute("height", H);
              const defs = el("defs", {}, sv);
              const clip = el("clipPath", { id: "plot" }, defs);
              const clipRect = el("rect", { x: LABEL_W, y: 0, height: H }, clip);
              const marker = el("marker", { id: "arrow", viewBox: "0 0 6 6", refX: 6, refY: 3,
                                            markerWidth: 6, markerHeight: 6, orient: "auto" }, defs);
              el("path", { d: "M0,0 L6,3 L0,6 z" }, marker);
              const back = el("g", {}, sv);
              const axis = el("g", {}, sv);
              const plot = el("g", { "clip-path": "url(#plot)" }, sv);
              const front = el("g", {}, sv);

              const laneBacks = [];
              D.lanes.forEach(function (lane, i) {
                laneBacks.push(el("rect", { x: 0, y: laneY(i), height: LANE_H, class: i % 2 ? "lane-odd" : "lane-even",
                                            fill: i % 2 ? "#f6f6f6" : "#ffffff" }, back));
                const t = el("text", { x: 4, y: laneY(i) + LANE_H - 2, class: "lbl" }, front);
                t.textContent = lane[0];
                if (i === 0 || D.lanes[i - 1][1] !== lane[1]) {
                  laneBacks.push(el("line", { x1: 0, y1: laneY(i), y2: laneY(i), class: "grp" }, back));
                }
              });

              const blocks = D.blocks.map(function (b, i) {
                return el("rect", { class: "blk", "data-i": i, y: laneY(b[0]) + 1, height: LANE_H - 2,
                                    fill: D.tasks[b[1]][4] }, plot);
              });
              const disps = D.dispatches.map(function (d, i) {
                return el("rect", { class: "disp", "data-d": i, y: laneY(d[0]) + 2, height: LANE_H - 4,
                                    fill: D.tasks[d[1]][4] }, plot);
              });
              const flow = el("line", { id: "flow", visibility: "hidden" }, plot);

              let t0 = 0, t1 = D.viewEndNs, scale = 1, width = 800;
              function x(ns) { return LABEL_W + (ns - t0) * scale; }

              function niceStep(rangeNs, px) {
                const target = rangeNs / Math.max(2, px / 90);
                const p = Math.pow(10, Math.floor(Math.log10(target)));
                for (const m of [1, 2, 5]) if (m * p >= target) return m * p;
                return 10 * p;
              }

              function drawAxis() {
                while (axis.firstChild) axis.removeChild(axis.firstChild);
                const step = niceStep(t1 - t0, width - LABEL_W - RIGHT);
                const decimals = Math.max(0, -Math.floor(Math.log10(step / 1000)));
                for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
                  el("line", { x1: x(t), x2: x(t), y1: AXIS_H - 4, y2: H, class: "tick" }, axis);
                  const lbl = el("text", { x: x(t) + 2, y: AXIS_H - 8, class: "ticklbl" }, axis);
                  lbl.textContent = (t / 1000).toFixed(decimals);
                }
                const unit = el("text", { x: 4, y: AXIS_H - 8, class: "ticklbl" }, axis);
                unit.textContent = "time (us)";
              }

              function layout() {
                width = Math.max(480, document.documentElement.clientWidth || 1280);
                sv.setAttribute("width", width);
                clipRect.setAttribute("width", width - LABEL_W - RIGHT / 2);
                scale = (width - LABEL_W - RIGHT) / Math.max(1, t1 - t0);
                laneBacks.forEach(function (r) {
                  if (r.tagName === "line") r.setAttribute("x2", width); else r.setAttribute("width", width);
                });
                D.blocks.forEach(function (b, i) {
                  blocks[i].setAttribute("x", x(b[5]));
                  blocks[i].setAttribute("width", Math.max(1, (b[6] - b[5]) * scale));
                });
                D.dispatches.forEach(function (d, i) {
                  disps[i].setAttribute("x", x(d[2]));
                  disps[i].setAttribute("width", Math.max(1, (d[3] - d[2]) * scale));
                });
                flow.setAttribute("visibility", "hidden");
                drawAxis();
              }

              function showBlock(i, ev) {
                const b = D.blocks[i], t = D.tasks[b[1]];
                const slot = ["AIC", "AIV0", "AIV1"][b[3]];
                tip.textContent = [
                  "task " + t[0] + " \\"" + t[1] + "\\" (" + t[2] + ", " + t[3] + " blocks)",
                  "block " + b[2] + "  slot " + slot + "  core " + b[4],
                  "ready    " + us(b[7]), "dispatch " + us(b[8]) + (b[10] >= 0 ? "  by " + D.lanes[b[10]][0] : ""),
                  "start    " + us(b[5]), "end      " + us(b[6]), "finish   " + us(b[9]),
                  "pickup " + (b[8] >= 0 ? us(b[5] - b[8]) : "-") + "   run " + us(b[6] - b[5])
                ].join("\\n");
                tip.style.display = "block";
                tip.style.left = (ev.clientX + 14) + "px";
                tip.style.top = (ev.clientY + 10) + "px";
                if (b[10] >= 0) {
                  flow.setAttribute("x1", x(b[8])); flow.setAttribute("y1", laneY(b[10]) + LANE_H / 2);
                  flow.setAttribute("x2", x(b[5])); flow.setAttribute("y2", laneY(b[0]) + LANE_H / 2);
                  flow.setAttribute("visibility", "visible");
                }
              }

              sv.addEventListener("mousemove", function (ev) {
                const target = ev.target;
                if (drag) return;
                if (target.classList && target.classList.contains("blk")) {
                  showBlock(+target.getAttribute("data-i"), ev);
                } else if (target.classList && target.classList.contains("disp")) {
                  const ref = D.dispatches[+target.getAttribute("data-d")][4];
                  if (ref >= 0) showBlock(ref, ev); else tip.style.display = "none";
                } else {
                  tip.style.display = "none";
                  flow.setAttribute("visibility", "hidden");
                }
              });
              sv.addEventListener("mouseleave", function () { tip.style.display = "none"; });

              sv.addEventListener("wheel", function (ev) {
                const r = sv.getBoundingClientRect();
                const px = ev.clientX - r.left;
                if (px < LABEL_W) return;
                ev.preventDefault();
                const at = t0 + (px - LABEL_W) / scale;
                const f = Math.exp(ev.deltaY * 0.0015);
                const n0 = at - (at - t0) * f, n1 = at + (t1 - at) * f;
                if (n1 - n0 < 20) return;
                t0 = n0; t1 = n1;
                layout();
              }, { passive: false });

              let drag = null;
              sv.addEventListener("mousedown", function (ev) {
                drag = { x: ev.clientX, t0: t0, t1: t1 };
                sv.classList.add("dragging");
                tip.style.display = "none";
              });
              window.addEventListener("mousemove", function (ev) {
                if (!drag) return;
                const dt = (ev.clientX - drag.x) / scale;
                t0 = drag.t0 - dt; t1 = drag.t1 - dt;
                layout();
              });
              window.addEventListener("mouseup", function () { drag = null; sv.classList.remove("dragging"); });
              sv.addEventListener("dblclick", function () { t0 = 0; t1 = D.viewEndNs; layout(); });
              window.addEventListener("resize", layout);

              layout();
              document.title = D.title + " \\u2014 " + blocks.length + " blocks";
              document.body.setAttribute("data-blocks", String(blocks.length));
            })();
            </script>
            </body>
            </html>
            """;
}
