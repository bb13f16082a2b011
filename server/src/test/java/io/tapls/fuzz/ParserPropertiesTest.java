package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tapls.diag.Diagnostic;
import io.tapls.stap.MacroDef;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapDump;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.SyntaxError;
import io.tapls.stap.TapsetPath;
import io.tapls.text.SourceText;
import io.tapls.traceevents.LinePaths;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsChecker;
import io.tapls.traceevents.TraceEventsReader;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The parsers on arbitrary and on grammar-shaped input: the trace-events reader (its fast path and the ANTLR
 * grammar give the same event wherever the fast path takes a line) and the .stp preprocessor and parser (pass 1,
 * the full check, the -p1 dump). Whatever the input: no exception, no internal error, an answer within the time
 * bound, and every diagnostic's span inside the document.
 */
class ParserPropertiesTest {
    /** Per input; a generous bound (the machine is shared), far under what a hang would take. */
    static final Duration BOUND = Duration.ofSeconds(20);

    private static Workspace syntax;
    private static Workspace full;
    private static Map<String, MacroDef> macros;

    @BeforeContainer
    static void start() {
        // pass 1 with the script's arguments ($1, @1 pasted in), the full check without (what follows them: warnings)
        syntax = new Workspace(List.of(), Settings.defaults().withSyntaxOnly(true)
                .withTapsets(List.of(StapDifferential.LIBRARY), false).withScriptArguments(StapDifferential.ARGUMENTS));
        full = new Workspace(List.of(), Settings.defaults().withTapsets(List.of(StapDifferential.LIBRARY), false));
        macros = TapsetPath.libraryMacros(List.of(StapDifferential.LIBRARY), PpConfig.defaults());
    }

    @AfterContainer
    static void stop() {
        syntax.shutdown();
        full.shutdown();
    }

    @Provide
    Arbitrary<String> stap() {
        return PropertyInputs.stapInputs();
    }

    @Provide
    Arbitrary<String> traceEvents() {
        return PropertyInputs.traceEventsInputs();
    }

    // ------------------------------------------------------------------ .stp

    @Property(seed = PropertyInputs.SEED)
    void stapPassOneAndFullCheckStayInsideTheDocument(@ForAll("stap") String text) {
        assertNull(assertTimeoutPreemptively(BOUND, () -> stapProblem(text)));
    }

    static String stapProblem(String text) {
        List<Diagnostic> all = new ArrayList<>(syntax.check("t.stp", text, FileKind.STAP));
        all.addAll(full.check("t.stp", text, FileKind.STAP));
        String p = diagnosticsProblem(all, text.length());
        if (p != null) {
            return p;
        }
        StapFile f = StapReader.read("t.stp", text, macros, PpConfig.defaults());
        for (List<SyntaxError> es : List.of(f.errors(), f.inactiveErrors(), f.warnings())) {
            for (SyntaxError e : es) {
                String o = PropertyInputs.outside(e.span(), text.length(), e.message());
                if (o != null) {
                    return o;
                }
            }
        }
        StapDump.dump("t.stp", text, macros, PpConfig.defaults());
        StapDump.dump("t.stp", text, macros, PpConfig.defaults(), StapDifferential.ARGUMENTS);
        return null;
    }

    static String diagnosticsProblem(List<Diagnostic> ds, int length) {
        for (Diagnostic d : ds) {
            if (d.message().contains("internal error")) {
                return "internal error: " + d.message();
            }
            String o = PropertyInputs.outside(d.span(), length, d.message());
            if (o != null) {
                return o;
            }
            for (var fix : d.fixes()) {
                for (var e : fix.edits()) {
                    o = PropertyInputs.outside(e.span(), length, "fix '" + fix.title() + "' of " + d.message());
                    if (o != null) {
                        return o;
                    }
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ trace-events

    @Property(seed = PropertyInputs.SEED)
    void traceEventsFastPathGivesTheGrammarsEvent(@ForAll("traceEvents") String text) {
        SourceText st = new SourceText(text);
        assertTimeoutPreemptively(BOUND, () -> {
            for (int line = 0; line < st.lineCount(); line++) {
                String content = st.lineContent(line);
                if (LinePaths.isBlankOrComment(content)) {
                    continue;
                }
                int base = st.lineStart(line);
                TraceEvent fast = LinePaths.fast(content, base, line);
                if (fast == null) {
                    continue; // left to the grammar, which is what the reader then uses
                }
                List<Diagnostic> ds = new ArrayList<>();
                TraceEvent reference = LinePaths.reference(content, base, line, ds);
                String shown = content;
                assertEquals(reference, fast, () -> "fast and reference paths differ on: " + shown);
                assertEquals(List.of(), ds, () -> "the grammar rejects what the fast path took: " + shown);
            }
        });
    }

    @Property(seed = PropertyInputs.SEED)
    void traceEventsCheckStaysInsideTheDocument(@ForAll("traceEvents") String text) {
        assertNull(assertTimeoutPreemptively(BOUND, () -> traceEventsProblem(text)));
    }

    static String traceEventsProblem(String text) {
        String p = diagnosticsProblem(full.check("trace-events", text, FileKind.TRACE_EVENTS), text.length());
        if (p != null) {
            return p;
        }
        // the CLI's one-pass check (in pieces) finds what the model's check finds
        List<Diagnostic> whole = TraceEventsChecker.check(TraceEventsReader.read("trace-events", text),
                QemuVersion.CURRENT);
        List<Diagnostic> onePass = TraceEventsChecker.checkText("trace-events", text, QemuVersion.CURRENT);
        if (!whole.equals(onePass)) {
            return "checkText differs from check(read): " + onePass + " / " + whole;
        }
        return diagnosticsProblem(whole, text.length());
    }
}
