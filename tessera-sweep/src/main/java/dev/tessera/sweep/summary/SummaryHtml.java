package dev.tessera.sweep.summary;

import dev.tessera.sweep.point.Status;
import dev.tessera.sweep.results.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The summary as one self-contained HTML page (the box plots are embedded): the counts, one table
 * and one box plot per figure, and the points that did not pass with their errors.
 */
public final class SummaryHtml {
    /** At most this many failed points are listed; the results hold them all. */
    static final int LISTED_FAILURES = 200;

    private SummaryHtml() {}

    public static void write(Summary s, String title, List<Row> rows, Path file) {
        try {
            Files.writeString(file, render(s, title, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static String render(Summary s, String title, List<Row> rows) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n<style>")
                .append(
                        "body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td.l,th.l{text-align:left}.bad{color:#b00}img{max-width:100%;border:1px solid #eee}")
                .append("</style></head><body>\n");
        h.append("<h1>")
                .append(esc(title))
                .append("</h1>\n<p>")
                .append(s.points())
                .append(" points: ")
                .append(SummaryText.counts(s));
        h.append(". Each cell is over the points of one workload and policy (usually its seeds); ratio = median / the ")
                .append(esc(s.baseline()))
                .append(" policy's median on the same workload.</p>\n");
        for (String f : s.figures()) {
            h.append("<h2>")
                    .append(esc(FigureFormat.title(f)))
                    .append("</h2>\n<table><tr><th class=l>workload</th>")
                    .append("<th class=l>policy</th><th>runs</th><th>ok</th><th>median</th><th>p10</th><th>p90</th>")
                    .append("<th>ratio</th></tr>\n");
            for (String w : s.workloads()) {
                for (Map.Entry<String, Summary.Cell> e : s.cells().get(w).entrySet()) {
                    Summary.Cell c = e.getValue();
                    Distribution d = c.figures().get(f);
                    h.append("<tr><td class=l>")
                            .append(esc(w))
                            .append("</td><td class=l>")
                            .append(esc(e.getKey()))
                            .append("</td><td>")
                            .append(c.points())
                            .append("</td><td")
                            .append(c.ok() < c.points() ? " class=bad" : "")
                            .append('>')
                            .append(c.ok())
                            .append("</td>")
                            .append(td(f, d == null ? null : d.median()))
                            .append(td(f, d == null ? null : d.p10()))
                            .append(td(f, d == null ? null : d.p90()))
                            .append("<td>")
                            .append(FigureFormat.ratio(c.ratios().get(f)))
                            .append("</td></tr>\n");
                }
            }
            h.append("</table>\n<img alt=\"box plots of ")
                    .append(esc(f))
                    .append("\" src=\"data:image/png;base64,")
                    .append(png(s, f))
                    .append("\">\n");
        }
        List<Row> failed = rows.stream()
                .filter(r -> !Status.valueOf(r.string("status")).ok())
                .toList();
        if (!failed.isEmpty()) {
            h.append("<h2>Points that failed (")
                    .append(failed.size())
                    .append(")</h2>\n<table><tr><th class=l>point</th>")
                    .append("<th class=l>status</th><th class=l>error</th></tr>\n");
            for (Row r : failed.subList(0, Math.min(LISTED_FAILURES, failed.size()))) {
                h.append("<tr><td class=l>")
                        .append(esc(r.key()))
                        .append("</td><td class=l>")
                        .append(esc(r.string("status")))
                        .append("</td><td class=l>")
                        .append(esc(r.string("error") == null ? mismatch(r) : r.string("error")))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String mismatch(Row r) {
        return r.get("mismatches") + " of " + r.get("checked") + " elements differ from the golden";
    }

    private static String td(String figure, Double v) {
        return "<td>" + (v == null ? "-" : FigureFormat.number(FigureFormat.scale(figure, v))) + "</td>";
    }

    private static String png(Summary s, String figure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(BoxPlots.render(s, figure), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String esc(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
