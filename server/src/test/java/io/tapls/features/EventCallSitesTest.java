package io.tapls.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.CallSiteTree;
import io.tapls.traceevents.TraceEventRules;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event's C call sites, in process, over the fixture tree src/test/resources/callsites/tree (a QEMU-like
 * layout: calls through macros, over several lines, in a subdirectory and two levels down, names in comments
 * and strings that are not calls): references, hover, the unused-event verdicts and rename.
 */
class EventCallSitesTest {
    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void copyTree() throws IOException {
        CallSiteTree.copyTo(dir);
        workspace = new Workspace(List.of(dir), Settings.defaults().withTapsets(List.of(), false));
    }

    @AfterEach
    void stop() {
        workspace.shutdown();
    }

    private Document open(String relative) throws IOException {
        Path p = dir.resolve(relative);
        return workspace.open(p.toUri().toString(), FileKind.of(p) == FileKind.STAP ? "systemtap" : "trace-events",
                1, Files.readString(p));
    }

    /** The offset of the first {@code what} on a 0-based line, plus {@code plus}. */
    private static int at(Document d, int line, String what, int plus) {
        int start = d.text().lineStart(line);
        return d.text().text().indexOf(what, start) + plus;
    }

    private String where(Location l) {
        return dir.relativize(Path.of(l.path())) + ":" + l.start().line() + ":" + l.start().character() + "-"
                + l.end().line() + ":" + l.end().character();
    }

    /** The events the unused-event rule reports in a file, as `tapls check` checks it. */
    private List<String> unused(String relative) throws IOException {
        Path p = dir.resolve(relative);
        List<String> out = new ArrayList<>();
        for (Diagnostic d : workspace.check(p.toString(), Files.readString(p), FileKind.TRACE_EVENTS)) {
            if (d.rule() == TraceEventRules.UNUSED_EVENT) {
                String text = Files.readString(p);
                out.add(text.substring(d.span().start(), d.span().end()));
            }
        }
        return out;
    }

    @Test
    void unusedEventsAreThoseNoCodeInTheScriptsScopeUses() throws IOException {
        // Called through a macro, over two lines, only via TRACE_FOO or QEMU_FOO(), from host/ (one level
        // down): used. Named only in a comment or a string, built by ## pasting, called only two levels down
        // (host/deep/) or from another directory (hw/core): unused, as cleanup-trace-events.pl would say of
        // most of them (see UnusedEventsOracleIT for where the script and tapls differ, and why).
        assertEquals(List.of("usb_uhci", "usb_uhci_comment_only", "usb_uhci_string_only", "usb_uhci_pasted",
                "usb_uhci_unused", "usb_host_deep", "usb_host_elsewhere"), unused("hw/usb/trace-events"));
        assertEquals(List.of("vm_unused"), unused("trace-events"));
        assertEquals(List.of(), unused("nocode/trace-events"), "no C file there: no verdict");
    }

    @Test
    void aVcpuEventIsLookedForInTheWholeTreeBelowATcgEventAsTraceFooTcg() throws IOException {
        // cleanup-trace-events.pl greps without --max-depth for a vcpu event, and trace_NAME_tcg for a tcg one.
        Path root = dir.resolve("legacy");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("trace-events"), "vcpu guest_deep(void) \"\"\nguest_flat(void) \"\"\n"
                + "tcg guest_mem(int x) \"x %d\"\n");
        Files.writeString(root.resolve("a/b/c/deep.c"), "void f(void) { trace_guest_deep(); trace_guest_flat(); }\n");
        Files.writeString(root.resolve("mem.c"), "void g(void) { trace_guest_mem_tcg(1); }\n");
        workspace.updateSettings(workspace.settings().withQemuVersion(io.tapls.traceevents.QemuVersion.parse("7.2")));
        assertEquals(List.of("guest_flat"), unused("legacy/trace-events"));
    }

    @Test
    void theUnusedEventsFixDeletesItsLine() throws IOException {
        Document d = open("hw/usb/trace-events");
        Diagnostic unused = workspace.diagnostics(d).stream()
                .filter(x -> x.rule() == TraceEventRules.UNUSED_EVENT).findFirst().orElseThrow();
        assertEquals("event 'usb_uhci' is not used: no C file in this directory or the directories just below it"
                + " calls trace_usb_uhci() or uses another of its names; scripts/cleanup-trace-events.pl would"
                + " delete it", unused.message());
        assertEquals(io.tapls.diag.Severity.WARNING, unused.severity());
        var fix = unused.fixes().get(0);
        assertEquals("Delete the unused event 'usb_uhci'", fix.title());
        var edit = fix.edits().get(0);
        assertEquals("usb_uhci(void) \"\"\n", d.text().text().substring(edit.span().start(), edit.span().end()));
        assertEquals("", edit.newText());
    }

    @Test
    void theRuleCanBeTurnedOff() throws IOException {
        workspace.updateSettings(workspace.settings().withRules(java.util.Set.of("unused-event"), java.util.Set.of()));
        assertEquals(List.of(), unused("hw/usb/trace-events"));
    }

    @Test
    void referencesListTheCallSitesThenTheScripts() throws IOException {
        Document d = open("hw/usb/trace-events");
        List<String> refs = References.references(workspace, d, at(d, 3, "usb_uhci_reset", 2), true).stream()
                .map(this::where).toList();
        assertEquals(List.of("hw/usb/trace-events:3:0-3:14",
                "hw/usb/dev-uhci.c:9:4-9:24",
                "scripts/usb.stp:0:6-0:39", "scripts/usb.stp:1:6-1:43", "scripts/usb.stp:2:6-2:36"), refs);

        // Through a macro's body, and every other name: TRACE_FOO, QEMU_FOO() and QEMU_FOO_ENABLED().
        assertEquals(List.of("hw/usb/hcd-uhci.h:6:8-6:28"), References.references(workspace, d,
                at(d, 4, "usb_uhci_frame", 0), false).stream().map(this::where)
                .filter(s -> !s.startsWith("scripts")).toList());
        assertEquals(List.of("hw/usb/dev-uhci.c:11:39-11:59"), References.references(workspace, d,
                at(d, 8, "usb_uhci_state", 0), false).stream().map(this::where).toList());
        assertEquals(List.of("hw/usb/dev-uhci.c:21:8-21:36", "hw/usb/dev-uhci.c:22:8-22:28"),
                References.references(workspace, d, at(d, 9, "usb_uhci_dtrace", 0), false).stream()
                        .map(this::where).toList());
        // Named only in a comment, a string, or pasted: no reference.
        for (int line : new int[] {5, 6, 7, 11}) {
            assertEquals(List.of(), References.references(workspace, d, at(d, line, "usb_", 1), false), "line " + line);
        }
        // Outside the file's directory: references look under every root.
        assertEquals(List.of("hw/core/qdev.c:3:4-3:28"), References.references(workspace, d,
                at(d, 17, "usb_host_elsewhere", 0), false).stream().map(this::where).toList());
    }

    @Test
    void fromAScriptTheSameEvent() throws IOException {
        Document s = open("scripts/usb.stp");
        List<String> refs = References.references(workspace, s, at(s, 1, "usb_uhci_reset", 3), false).stream()
                .map(this::where).toList();
        assertEquals(List.of("hw/usb/dev-uhci.c:9:4-9:24", "scripts/usb.stp:0:6-0:39", "scripts/usb.stp:1:6-1:43",
                "scripts/usb.stp:2:6-2:36"), refs);
    }

    @Test
    void hoverCountsTheCallSites() throws IOException {
        Document d = open("hw/usb/trace-events");
        String md = Hover.hover(workspace, d, at(d, 3, "usb_uhci_reset", 0)).orElseThrow().markdown();
        assertTrue(md.endsWith("\n\n1 call site in C: `hw/usb/dev-uhci.c:10`"), md);
        md = Hover.hover(workspace, d, at(d, 9, "usb_uhci_dtrace", 0)).orElseThrow().markdown();
        assertTrue(md.endsWith("\n\n1 call site in C: `hw/usb/dev-uhci.c:23`; 1 other use"
                + " (`QEMU_USB_UHCI_DTRACE_ENABLED`): `hw/usb/dev-uhci.c:22`"), md);
        md = Hover.hover(workspace, d, at(d, 12, "usb_uhci_unused", 0)).orElseThrow().markdown();
        assertTrue(md.endsWith("\n\nNo call site in the workspace's C files"), md);
    }

    /** path → "line:col-line:col newText", each file's edits in order. */
    private Map<String, List<String>> edits(Rename.Edits e) {
        Map<String, List<String>> out = new TreeMap<>();
        e.byPath().forEach((path, list) -> out.put(dir.relativize(Path.of(path)).toString(), list.stream()
                .map(x -> x.range().start().line() + ":" + x.range().start().character() + "-" + x.range().end().line()
                        + ":" + x.range().end().character() + " " + x.newText()).toList()));
        return out;
    }

    @Test
    void renameAnEventEverywhere() throws IOException {
        Document d = open("hw/usb/trace-events");
        int offset = at(d, 9, "usb_uhci_dtrace", 4);
        assertEquals("usb_uhci_dtrace", Rename.prepare(workspace, d, offset).orElseThrow().name());
        assertEquals(Map.of(
                "hw/usb/trace-events", List.of("9:0-9:15 usb_uhci_probe"),
                "hw/usb/dev-uhci.c", List.of("21:8-21:36 QEMU_USB_UHCI_PROBE_ENABLED", "22:8-22:28 QEMU_USB_UHCI_PROBE")),
                edits(Rename.rename(workspace, d, offset, "usb_uhci_probe")));

        // From a script: the event's name in the trace-events file, the C call, every probe point naming it
        // (not the wildcard, which still matches), and the dtrace backend's SDT mark: .mark("usb_uhci_reset").
        Document s = open("scripts/usb.stp");
        offset = at(s, 1, "usb_uhci_reset", 2);
        Rename.Renameable r = Rename.prepare(workspace, s, offset).orElseThrow();
        assertEquals("usb_uhci_reset", r.name());
        assertEquals(at(s, 1, "usb_uhci_reset", 0), r.span().start());
        assertEquals(Map.of(
                "hw/usb/trace-events", List.of("3:0-3:14 usb_uhci_port_reset"),
                "hw/usb/dev-uhci.c", List.of("9:4-9:24 trace_usb_uhci_port_reset"),
                "scripts/usb.stp", List.of("0:25-0:39 usb_uhci_port_reset", "1:29-1:43 usb_uhci_port_reset",
                        "3:42-3:56 usb_uhci_port_reset")),
                edits(Rename.rename(workspace, s, offset, "usb_uhci_port_reset")));
    }

    @Test
    void renameRefusesWhatCannotBeAnEventsName() throws IOException {
        Document d = open("hw/usb/trace-events");
        int offset = at(d, 3, "usb_uhci_reset", 0);
        assertEquals("'usb-reset' is not a valid event name: tracetool makes C identifiers of it (trace_usb-reset),"
                + " so it must be letters, digits and '_', not starting with a digit",
                assertThrows(IllegalArgumentException.class, () -> Rename.rename(workspace, d, offset, "usb-reset"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rename.rename(workspace, d, offset, "1usb"));
        assertEquals("'usb__reset' is reserved: dtrace -h turns '__' into '_' in the macro it defines"
                + " (QEMU_USB_RESET) while tracetool's dtrace backend calls QEMU_USB__RESET()",
                assertThrows(IllegalArgumentException.class, () -> Rename.rename(workspace, d, offset, "usb__reset"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rename.rename(workspace, d, offset,
                "usb_uhci_frame")).getMessage().startsWith("'usb_uhci_frame' is taken: event 'usb_uhci_frame' is"
                + " declared at "));
        assertEquals("'usb_uhci_frame_enabled' is taken: tracetool would name both it and event 'usb_uhci_frame'"
                + " trace_usb_uhci_frame_enabled", assertThrows(IllegalArgumentException.class,
                () -> Rename.rename(workspace, d, offset, "usb_uhci_frame_enabled")).getMessage());
        assertEquals("'event_get_state_backends' is taken: trace_event_get_state_backends is already used in C at"
                + " hw/usb/dev-uhci.c:12", assertThrows(IllegalArgumentException.class,
                () -> Rename.rename(workspace, d, offset, "event_get_state_backends")).getMessage());
    }

    @Test
    void cFilesChangedOnDiskCountOnceTheServerIsTold() throws IOException {
        Document d = open("hw/usb/trace-events");
        assertTrue(workspace.diagnostics(d).stream().anyMatch(x -> x.message().startsWith("event 'usb_uhci_unused'")));
        Path c = dir.resolve("hw/usb/more.c");
        Files.writeString(c, "void f(void) { trace_usb_uhci_unused(1); }\n");
        workspace.filesChanged(List.of(c));
        assertTrue(workspace.diagnostics(d).stream().noneMatch(x -> x.message().startsWith("event 'usb_uhci_unused'")));
        assertEquals(List.of("hw/usb/more.c:0:15-0:36"), References.references(workspace, d,
                at(d, 12, "usb_uhci_unused", 0), false).stream().map(this::where).toList());
    }
}
