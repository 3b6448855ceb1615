package dev.tessera.profiling;

import static dev.tessera.profiling.JsonTree.list;
import static dev.tessera.profiling.JsonTree.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SwimlaneHtmlTest {
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"trace-data\">(.*?)</script>", Pattern.DOTALL);

    private static Map<String, Object> embeddedData(String page) {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "no embedded trace data");
        return obj(JsonTree.parse(m.group(1)));
    }

    @Test
    void embedsOneBlockPerSubtaskAndOneLanePerUsedCoreAndScheduler() {
        Map<String, Object> data = embeddedData(SwimlaneHtml.render(SampleTraces.parallel()));
        assertEquals(24, list(data.get("blocks")).size());
        assertEquals(24, list(data.get("dispatches")).size());
        // the sample runs on AIV cores only: the 24 unused AIC lanes are left out
        assertEquals(3 + 48, list(data.get("lanes")).size());
        assertEquals(1, list(data.get("tasks")).size());
    }

    @Test
    void needsNoNetwork() {
        String page = SwimlaneHtml.render(SampleTraces.parallel());
        assertFalse(page.contains(" src="), "no external scripts or images");
        assertFalse(page.contains("href="), "no links to stylesheets");
        assertFalse(page.contains("@import"));
        // the only URL is the SVG namespace name, which a browser never fetches
        assertEquals(page.split("http", -1).length - 1, page.split("http://www.w3.org/2000/svg", -1).length - 1);
    }

    @Test
    void aTaskNameCannotCloseTheDataScript() {
        Trace trace = Trace.builder(SampleTraces.TOPOLOGY, "sim", "SERIAL")
                .task(1, "</script><script>alert(1)</script>", 1, Trace.SHAPE_AIC, false, 0)
                .subtask(1, 0, 0, 0, 0, 10, 20, 30, 40)
                .build(40);
        String page = SwimlaneHtml.render(trace);
        assertEquals(2, page.split("</script>", -1).length - 1, "only the page's own two scripts close");
        assertEquals(
                "</script><script>alert(1)</script>",
                list(list(embeddedData(page).get("tasks")).getFirst()).get(1));
    }
}
