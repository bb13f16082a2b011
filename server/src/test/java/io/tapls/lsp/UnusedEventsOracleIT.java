package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.CallSiteTree;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `tapls check`'s unused-event verdicts against what QEMU's scripts/cleanup-trace-events.pl would delete, over
 * the fixture tree made a git repository. The script is not shipped with the oracles, so its query is run
 * here as it runs it: for each line matching its regex, from the file's directory,
 * {@code git grep -lw [--max-depth 1] trace_NAME} (no depth limit for a vcpu event), the event deleted when
 * no file but {@code trace-events} is listed (git grep exits 1). With {@code CLEANUP_TRACE_EVENTS} naming a copy
 * of the script, the script itself is run too and must delete the same events.
 *
 * <p>tapls differs from the script on purpose in three ways, each shown by an event of the fixture: a name in a
 * comment or a string keeps an event for the script, not for tapls (it fires nothing); an event used only as
 * {@code TRACE_FOO} or {@code QEMU_FOO()} is deleted by the script (which would break the build), kept by
 * tapls; and tapls says nothing where no C file is near (the script deletes everything there).
 */
class UnusedEventsOracleIT {
    private static final Pattern SCRIPT_EVENT = Pattern.compile("^(disable |(tcg) |(vcpu) )*([a-z_0-9]+)\\(",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path dir;

    @Test
    void tapslWarnsOfWhatTheScriptDeletesSaveForTheDocumentedDifferences() throws Exception {
        Corpora.require(Path.of("/usr/bin/git"), "git");
        CallSiteTree.copyTo(dir);
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "fixture");

        Map<String, TreeSet<String>> script = new TreeMap<>();
        Map<String, TreeSet<String>> tapls = new TreeMap<>();
        List<String> files = List.of("trace-events", "hw/usb/trace-events", "nocode/trace-events");
        for (String f : files) {
            script.put(f, scriptDeletes(dir.resolve(f)));
            tapls.put(f, new TreeSet<>());
        }
        Cli.Result check = Cli.runIn(dir, "check", "--format", "json", "trace-events", "hw/usb/trace-events",
                "nocode/trace-events");
        for (JsonElement f : JsonParser.parseString(check.stdout()).getAsJsonObject().getAsJsonArray("files")) {
            JsonObject file = f.getAsJsonObject();
            String path = file.get("path").getAsString();
            String text = Files.readString(dir.resolve(path));
            for (JsonElement d : file.getAsJsonArray("diagnostics")) {
                JsonObject o = d.getAsJsonObject();
                if (o.get("rule").getAsString().equals("unused-event")) {
                    JsonObject range = o.getAsJsonObject("range");
                    tapls.get(path).add(text.substring(range.getAsJsonObject("start").get("offset").getAsInt(),
                            range.getAsJsonObject("end").get("offset").getAsInt()));
                }
            }
        }

        // Where both agree.
        assertEquals(new TreeSet<>(List.of("vm_unused")), script.get("trace-events"));
        assertEquals(script.get("trace-events"), tapls.get("trace-events"));
        // The documented differences, and nothing else.
        TreeSet<String> expected = new TreeSet<>(script.get("hw/usb/trace-events"));
        expected.removeAll(List.of("usb_uhci_state", "usb_uhci_dtrace")); // used as TRACE_FOO, QEMU_FOO()
        expected.addAll(List.of("usb_uhci_comment_only", "usb_uhci_string_only")); // named in a comment, a string
        assertEquals(expected, tapls.get("hw/usb/trace-events"));
        assertTrue(script.get("hw/usb/trace-events").containsAll(List.of("usb_uhci", "usb_uhci_pasted",
                "usb_uhci_unused", "usb_host_deep", "usb_host_elsewhere", "usb_uhci_state", "usb_uhci_dtrace")));
        assertEquals(new TreeSet<>(List.of("nocode_event")), script.get("nocode/trace-events"));
        assertEquals(new TreeSet<>(), tapls.get("nocode/trace-events"), "no C file near: no verdict");

        String real = System.getenv("CLEANUP_TRACE_EVENTS");
        if (real != null) {
            for (String f : files) {
                assertEquals(script.get(f), realScriptDeletes(Path.of(real), dir.resolve(f)), f);
            }
        }
    }

    /** The events cleanup-trace-events.pl deletes from a file, by its own query. */
    private TreeSet<String> scriptDeletes(Path file) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = SCRIPT_EVENT.matcher(line);
            if (!m.find()) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of("git", "grep", "-lw"));
            if (m.group(3) == null) {
                command.addAll(List.of("--max-depth", "1"));
            }
            command.add("trace_" + m.group(4) + (m.group(2) != null ? "_tcg" : ""));
            ProcessBuilder pb = new ProcessBuilder(command).directory(file.getParent().toFile());
            Cli.Result r = Cli.run(pb, 60);
            assertTrue(r.exitCode() <= 1, r.stderr());
            if (r.stdout().lines().noneMatch(l -> !l.equals("trace-events"))) {
                out.add(m.group(4));
            }
        }
        return out;
    }

    /** The events the real script deletes: those of the file missing from what it prints. */
    private static TreeSet<String> realScriptDeletes(Path script, Path file) throws Exception {
        Cli.Result r = Cli.run(new ProcessBuilder("perl", script.toString(), file.toString()), 60);
        assertEquals(0, r.exitCode(), r.stderr());
        TreeSet<String> kept = new TreeSet<>();
        for (String line : r.stdout().lines().toList()) {
            Matcher m = SCRIPT_EVENT.matcher(line);
            if (m.find()) {
                kept.add(m.group(4));
            }
        }
        TreeSet<String> out = new TreeSet<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.map(SCRIPT_EVENT::matcher).filter(Matcher::find).map(m -> m.group(4)).filter(n -> !kept.contains(n))
                    .forEach(out::add);
        }
        return out;
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Cli.Result r = Cli.run(new ProcessBuilder(command).directory(dir.toFile()), 60);
        assertEquals(0, r.exitCode(), r.stderr());
    }
}
