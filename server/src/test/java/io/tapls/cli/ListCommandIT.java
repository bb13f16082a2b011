package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tapls list: the offline qemu-trace-stap list. */
class ListCommandIT {
    @TempDir
    Path dir;

    @Test
    void qioEventsOfTheCorpus() throws IOException {
        Path corpus = Corpora.qemuCorpus();
        TreeSet<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(corpus.resolve("events.jsonl"))) {
            JsonObject e = JsonParser.parseString(line).getAsJsonObject();
            String name = e.get("name").getAsString();
            if (name.startsWith("qio") && !e.get("props").getAsJsonArray().toString().contains("disable")) {
                expected.add(name);
            }
        }
        Cli.Result r = Cli.run("list", "qemu-system-x86_64", "qio*", "--trace-events",
                corpus.resolve("trace-events").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(String.join("\n", expected) + "\n", r.stdout());
        assertTrue(expected.size() > 50);
    }

    @Test
    void patternsWildcardsLongAndJson() throws IOException {
        Path te = dir.resolve("trace-events");
        Files.writeString(te, """
                a_open(const char *path, int limit) "path %s limit %d"
                a_close(void)
                disable a_hidden(int x)
                b_open(int fd) "fd %d"
                """);
        Cli.Result two = Cli.run("list", "qemu.img", "*_open", "a_*", "--trace-events", te.toString());
        assertEquals(0, two.exitCode(), two.stderr());
        assertEquals("a_open\nb_open\na_close\na_open\n", two.stdout(), "one sorted block per pattern");
        Cli.Result all = Cli.run("list", "/usr/bin/qemu-img", "--trace-events", te.toString());
        assertEquals("a_close\na_open\nb_open\n", all.stdout(), "default pattern: every enabled event");
        Cli.Result lng = Cli.run("list", "qemu-img", "a_*", "--long", "--trace-events", te.toString());
        assertEquals("a_close()\na_open(const char *path, int limit_) \"path %s limit %d\"\n", lng.stdout());
        Cli.Result json = Cli.run("list", "qemu-img", "a_open", "--json", "--trace-events", te.toString());
        JsonArray array = JsonParser.parseString(json.stdout()).getAsJsonArray();
        JsonObject o = array.get(0).getAsJsonObject();
        assertEquals("qemu.img.log.a_open", o.get("probe").getAsString());
        assertEquals(1, o.get("line").getAsInt());
        assertEquals("limit_", o.getAsJsonArray("variables").get(1).getAsJsonObject().get("name").getAsString());
        assertTrue(o.getAsJsonArray("variables").get(0).getAsJsonObject().get("string").getAsBoolean());
        Cli.Result none = Cli.run("list", "qemu-img", "zz*", "--trace-events", te.toString());
        assertEquals(1, none.exitCode());
        assertEquals("tapls: no probes match 'qemu.img.log.zz*'\n", none.stderr());
    }

    @Test
    void legacyTraceEventsAllWithVcpuEvents() {
        Path all = Corpora.debianTraceEventsAll();
        Cli.Result r = Cli.run("list", "--qemu-version", "7.2", "qemu-system-x86_64", "guest_cpu_*", "--long",
                "--trace-events", all.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("guest_cpu_enter(void *__cpu) \"cpu=%p \"", "guest_cpu_exit(void *__cpu) \"cpu=%p \"",
                "guest_cpu_reset(void *__cpu) \"cpu=%p \""), r.stdout().lines().toList());
        Cli.Result current = Cli.run("list", "qemu-system-x86_64", "--trace-events", all.toString());
        assertEquals(1, current.exitCode(), "QEMU 10.2's tracetool rejects 'vcpu'");
    }
}
