package dev.tessera.sweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.point.Point;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading sweep files: every axis, defaults, flags, and errors that name the line and the key. */
class SweepSpecReaderTest {
    private static final String FULL = """
            {
              "name": "full",
              "description": "every key",
              "examples": ["spmd-basic", {"name": "qk-demo"}],
              "policies": ["serial", "parallel"],
              "topologies": ["a2a3", "4x2"],
              "syncStart": ["reserve", "freeze"],
              "seeds": ["1..3", 10],
              "costs": {"preset": {}, "slow": {"kernel.default": 9000, "cost.ready_pop": "40"}},
              "compute": false,
              "timeout": "90s",
              "baseline": "serial",
              "figures": ["makespanNs", "wallMs"]
            }
            """;

    @Test
    void everyKeyOfAFile() {
        SweepSpec s = SweepSpecReader.read("full.json", FULL).build();
        assertEquals("full", s.name());
        assertEquals(
                List.of("spmd-basic", "qk-demo"),
                s.examples().stream().map(SweepSpec.ExampleEntry::name).toList());
        assertEquals(List.of(1L, 2L, 3L, 10L), s.seeds());
        assertEquals(
                List.of("preset", "slow"),
                s.costs().stream().map(SweepSpec.CostVariant::name).toList());
        assertEquals(
                Map.of("kernel.default", "9000", "cost.ready_pop", "40"),
                s.costs().get(1).overrides());
        assertEquals(Duration.ofSeconds(90), s.timeout());
        assertEquals("serial", s.baseline());
        assertEquals(2L * 2 * 2 * 2 * 2 * 4, s.size());
        List<Point> points = s.points();
        assertEquals(s.size(), points.size());
        assertEquals(points.size(), points.stream().map(Point::key).distinct().count(), "keys are unique");
        for (int i = 0; i < points.size(); i++) assertEquals(i, points.get(i).index());
        // policies are innermost: the runs a summary compares sit next to each other
        assertEquals("serial", points.get(0).policy());
        assertEquals("parallel", points.get(1).policy());
        assertEquals(points.get(0).seed(), points.get(1).seed());
        assertTrue(s.shape().endsWith("= 128 points"), s.shape());
    }

    @Test
    void yamlReadsLikeJson() {
        String yaml = """
                name: full
                examples:
                  - spmd-basic
                  - name: qk-demo
                policies: [serial, parallel]
                topologies: [a2a3, 4x2]
                syncStart: [reserve, freeze]
                seeds: ["1..3", 10]
                costs:
                  preset: {}
                  slow: {kernel.default: 9000, cost.ready_pop: "40"}
                compute: false
                timeout: 90s
                baseline: serial
                figures: [makespanNs, wallMs]
                """;
        assertEquals(
                SweepSpecReader.read("full.json", FULL).build().points(),
                SweepSpecReader.read("full.yaml", yaml).build().points());
    }

    @Test
    void defaults() {
        SweepSpec s =
                SweepSpecReader.read("d.json", "{\"examples\": \"vector\"}").build();
        assertEquals("d", s.name());
        Point p = s.points().getFirst();
        assertEquals(1, s.size());
        assertEquals("vector||parallel||a2a3|sim|reserve|0|preset|compute", p.key());
        assertEquals("parallel", s.baseline());
        assertEquals(SweepSpecReader.DEFAULT_TIMEOUT.toMillis(), p.timeoutMs());
    }

    @Test
    void editingACostVariantsValuesMakesNewPoints() {
        String a = SweepSpecReader.read(
                        "c.json", "{\"examples\": \"vector\", \"costs\": {\"slow\": {\"kernel.default\": 9000}}}")
                .build()
                .points()
                .getFirst()
                .key();
        String b = SweepSpecReader.read(
                        "c.json", "{\"examples\": \"vector\", \"costs\": {\"slow\": {\"kernel.default\": 9500}}}")
                .build()
                .points()
                .getFirst()
                .key();
        assertEquals("vector||parallel||a2a3|sim|reserve|0|slow(kernel.default=9000)|compute", a);
        assertTrue(!a.equals(b), "so that --resume runs the edited variant's points again");
    }

    @Test
    void aFlagReplacesTheFilesValue() {
        SweepSpecReader r = SweepSpecReader.read("full.json", FULL);
        r.set("seeds", new Node.Scalar(0, "5..6"), Where.flag("--seeds"));
        assertEquals(List.of(5L, 6L), r.build().seeds());
    }

    @Test
    void unknownKeyNamesLineAndSuggestsTheRightOne() {
        SweepFileException e = fails("{\n  \"examples\": [\"vector\"],\n  \"polices\": [\"serial\"]\n}");
        assertEquals(3, e.line());
        assertEquals("polices", e.key());
        assertTrue(
                e.getMessage().startsWith("bad.json:3: polices: unknown key (did you mean 'policies'?)"),
                e.getMessage());
    }

    @Test
    void unknownNamesAreCaughtWhereTheyAre() {
        assertError("{\"examples\": [\"vector\",\n \"vektor\"]}", 2, "examples[1]", "unknown example 'vektor'");
        assertError(
                "{\"examples\": \"vector\",\n\"policies\": [\"serial\", \"fast\"]}",
                2,
                "policies[1]",
                "unknown dispatch policy 'fast'");
        assertError("{\"examples\": \"vector\", \"topologies\": [\"9x\"]}", 1, "topologies[0]", "9x");
        assertError("{\"examples\": \"vector\", \"topologies\": \"host\"}", 1, "topologies", "depend on the executor");
        assertError(
                "{\"examples\": \"vector\", \"syncStart\": \"drain\"}",
                1,
                "syncStart",
                "unknown sync-start mode 'drain'");
        assertError(
                "{\"examples\": \"vector\",\n \"costs\": {\"x\": {\n \"cost.nope\": 1}}}",
                3,
                "costs.x.cost.nope",
                "unknown cost model key 'cost.nope'");
        assertError("{\"examples\": \"vector\", \"platforms\": \"gpu\"}", 1, "platforms", "unknown platform 'gpu'");
        assertError(
                "{\"examples\": \"vector\", \"platforms\": [\"threaded:fast\"]}",
                1,
                "platforms[0]",
                "unknown core executor 'fast'");
        assertError(
                "{\"examples\": \"vector\", \"platforms\": [\"sim:pooled\"]}",
                1,
                "platforms[0]",
                "only threaded takes cores");
        assertError(
                "{\"examples\": \"vector\", \"platforms\": [\"threaded\", \"threaded:auto\"]}",
                1,
                "platforms[1]",
                "'threaded' is listed twice");
    }

    @Test
    void optionsAreCheckedAgainstWhatTheExampleDeclares() {
        assertError(
                "{\"examples\": [{\"name\": \"qk-demo\",\n \"options\": {\"variant\": [\"unroll\"]}}]}",
                2,
                "examples[0].options.variant[0]",
                "qk-demo has no option 'variant' (it declares none)");
        assertError(
                "{\"examples\": [{\"name\": \"qk-demo\", \"cases\": [\"Case1\"]}]}",
                1,
                "examples[0].cases[0]",
                "qk-demo has no cases");
        assertError(
                "{\"examples\": [{\"name\": \"paged-attention\",\n \"cases\": [\"CaseSmall1\", \"Case9\"]}]}",
                2,
                "examples[0].cases[1]",
                "unknown case 'Case9' of paged-attention: use one of CaseSmall1, CaseSmall2");
        assertError(
                "{\"examples\": [{\"name\": \"paged-attention\", \"options\": {\n\"variant\": \"fast\"}}]}",
                2,
                "examples[0].options.variant",
                "unknown value 'fast' for option variant: use baseline, manual");
        assertError(
                "{\"examples\": [{\"name\": \"bgemm\", \"options\": {\"tile\": [64, 0]}}]}",
                1,
                "examples[0].options.tile[1]",
                "option tile must be in 1..1024, got 0");
        assertError(
                "{\"examples\": [{\"name\": \"bgemm\", \"options\": {\"grid\": 4}}]}",
                1,
                "examples[0].options.grid",
                "bgemm has no option 'grid'; its options are case, tasks, tile, loop, grid-k");
        assertError(
                "{\"examples\": [\"vector\",\n {\"name\": \"alternating-matmul-add\", \"options\": {\"m\": [0, 1], \"n\": 0}}]}",
                2,
                "examples[1]",
                "options m=0;n=0: alternating-matmul-add: m and n are both 0");
        assertError(
                "{\"examples\": [{\"name\": \"qk-demo\", \"opts\": {}}]}",
                1,
                "examples[0].opts",
                "unknown key of an example");
        assertError(
                "{\"examples\": \"vector\", \"dispatchOptions\": {\"burst\": [\"on\", \"off\"]}}",
                1,
                "dispatchOptions.burst[0]",
                "unknown dispatch option 'burst'");
    }

    @Test
    void casesAndOptionsMakeOneExampleRunPerCombinationInTheExamplesSpelling() {
        SweepSpec s = SweepSpecReader.read("o.json", """
                {"examples": ["qk-demo", {"name": "paged-attention", "cases": ["casesmall1", "CaseVarSeq2"],
                                          "options": {"variant": ["UNROLL", "manual"], "Group-Blocks": 2}}],
                 "seeds": "1..2"}""").build();
        assertEquals(1 + 2 * 2, s.exampleRuns());
        assertEquals(
                List.of(
                        "case=CaseSmall1;group-blocks=2;variant=unroll",
                        "case=CaseSmall1;group-blocks=2;variant=manual",
                        "case=CaseVarSeq2;group-blocks=2;variant=unroll",
                        "case=CaseVarSeq2;group-blocks=2;variant=manual"),
                s.examples().get(1).optionSets().stream().map(Point::format).toList());
        assertEquals(5 * 2, s.points().size());
        assertEquals(
                "paged-attention|case=CaseSmall1;group-blocks=2;variant=unroll|parallel||a2a3|sim|reserve|1|preset|compute",
                s.points().get(2).key());
    }

    @Test
    void threadedPlatformsCarryTheirCores() {
        SweepSpec s = SweepSpecReader.read(
                        "t.json",
                        "{\"examples\": \"spmd-basic\", \"platforms\": [\"sim\", \"Threaded\", \"threaded:POOLED:2\", \"threaded:dedicated\"]}")
                .build();
        assertEquals(List.of("sim", "threaded", "threaded:pooled:2", "threaded:dedicated"), s.platforms());
        assertEquals(
                List.of(false, true, true, true),
                s.points().stream().map(Point::noisy).toList());
    }

    @Test
    void valuesOfTheWrongShape() {
        assertError("{\"examples\": \"vector\", \"seeds\": \"5..1\"}", 1, "seeds", "runs backwards");
        assertError("{\"examples\": \"vector\", \"seeds\": \"1..x\"}", 1, "seeds", "is not a seed");
        assertError("{\"examples\": \"vector\", \"seeds\": [1.5]}", 1, "seeds[0]", "expected a seed");
        assertError("{\"examples\": \"vector\", \"compute\": \"yes\"}", 1, "compute", "expected true or false");
        assertError("{\"examples\": \"vector\", \"timeout\": \"soon\"}", 1, "timeout", "is not a duration");
        assertError(
                "{\"examples\": \"vector\", \"policies\": [\"serial\", \"serial\"]}", 1, "policies[1]", "listed twice");
        assertError("{\"examples\": \"vector\", \"policies\": []}", 1, "policies", "the list is empty");
        assertError("{\"examples\": \"vector\", \"costs\": {\"k\": 3}}", 1, "costs.k", "a cost variant is an object");
        assertError(
                "{\"examples\": \"vector\", \"baseline\": \"serial\"}",
                1,
                "baseline",
                "not among the sweep's policies");
        assertError(
                "{\"examples\": \"vector\", \"figures\": [\"blocksPerScheduler\"]}",
                1,
                "figures",
                "not a numeric figure");
        assertError(
                "{\"examples\": \"vector\", \"platforms\": \"threaded\", \"compute\": false}",
                1,
                "platforms",
                "sim only");
        assertError("{\"policies\": [\"serial\"]}", 0, "examples", "no examples");
        assertError("[1, 2]", 1, null, "a sweep file is an object");
    }

    @Test
    void syntaxErrorsAndDuplicatesNameTheLine() {
        assertError("{\n\"examples\": [\"vector\"\n\"policies\": []}", 3, null, "not valid JSON");
        assertError(
                "{\"examples\": \"vector\",\n\"examples\": \"qk-demo\"}",
                2,
                "examples",
                "appears twice (first on line 1)");
        SweepFileException yaml = assertThrows(
                SweepFileException.class,
                () -> SweepSpecReader.read("bad.yaml", "examples: [vector\npolicies: x\n")
                        .build());
        assertTrue(yaml.getMessage().contains("not valid YAML"), yaml.getMessage());
    }

    private static SweepFileException fails(String json) {
        return assertThrows(
                SweepFileException.class,
                () -> SweepSpecReader.read("bad.json", json).build());
    }

    private static void assertError(String json, int line, String key, String fragment) {
        SweepFileException e = fails(json);
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
