package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tapls.diag.TextEdit;
import io.tapls.features.CodeActions;
import io.tapls.features.Completion;
import io.tapls.features.CompletionItem;
import io.tapls.features.Definition;
import io.tapls.features.DocumentHighlight;
import io.tapls.features.DocumentSymbol;
import io.tapls.features.DocumentSymbols;
import io.tapls.features.Folding;
import io.tapls.features.Hover;
import io.tapls.features.Location;
import io.tapls.features.QuickFix;
import io.tapls.features.References;
import io.tapls.features.Rename;
import io.tapls.features.SemanticTokens;
import io.tapls.features.SignatureHelp;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The index and the request handlers, in process through a Workspace as the server drives them: for a random
 * script, a random trace-events file and a random dtrace provider file open together, at random offsets (both
 * ends, out of range, negative, inside surrogate pairs), and again after an edit anywhere, every feature of
 * io.tapls.features returns without an exception within the time bound, and every range it returns lies inside
 * its document. (The same over JSON-RPC is ProtocolAbuseIT's.)
 */
class FeaturePropertiesTest {
    private static final String STAP_URI = "file:///props/t.stp";
    private static final String TE_URI = "file:///props/trace-events";
    private static final String D_URI = "file:///props/probes.d";
    private static Workspace workspace;

    @BeforeContainer
    static void start() {
        workspace = new Workspace(List.of(), Settings.defaults());
    }

    @AfterContainer
    static void stop() {
        workspace.shutdown();
    }

    @Provide
    Arbitrary<String> stap() {
        return PropertyInputs.stapInputs();
    }

    @Provide
    Arbitrary<String> traceEvents() {
        return PropertyInputs.traceEventsInputs();
    }

    @Property(seed = PropertyInputs.SEED)
    void everyFeatureAnswersInsideTheDocument(@ForAll("stap") String script, @ForAll("traceEvents") String events,
                                              @ForAll long positions) {
        List<String> problems = assertTimeoutPreemptively(ParserPropertiesTest.BOUND, () -> {
            Document te = workspace.open(TE_URI, "trace-events", 1, events);
            Document stp = workspace.open(STAP_URI, "systemtap", 1, script);
            // and a dtrace provider file (libvirt's kind), whose probes scripts see as aliases too
            Document d = workspace.open(D_URI, "dtrace", 1,
                    new io.tapls.provider.RandomProviderFiles(positions, 20).next());
            List<String> out = new ArrayList<>();
            for (Document doc : List.of(stp, te, d)) {
                out.addAll(problems(doc, positions));
            }
            // then an edit anywhere (positions out of range, negative, inside a surrogate pair), as a client's
            // didChange would make it, and the features again on the edited documents
            SplittableRandom r = new SplittableRandom(positions);
            for (String uri : List.of(STAP_URI, TE_URI)) {
                Document e = workspace.change(uri, 2, List.of(new io.tapls.workspace.TextChange(position(r),
                        position(r), EDITS.get(r.nextInt(EDITS.size())))));
                String whole = e.text().text();
                out.addAll(problems(e, positions + 1));
                if (!whole.equals(workspace.open(uri + ".resync", uri.endsWith(".stp") ? "systemtap" : "trace-events",
                        1, whole).text().text())) {
                    out.add("edited text differs from itself reopened");
                }
            }
            return out;
        });
        assertEquals(List.of(), problems);
    }

    /** Short documents of each language's special pieces, asked at every offset (and the out-of-range ones). */
    @Property(seed = PropertyInputs.SEED)
    void everyFeatureAnswersAtEveryOffsetOfAShortDocument(@ForAll("shortStap") String script,
                                                         @ForAll("shortTraceEvents") String events) {
        List<String> problems = assertTimeoutPreemptively(ParserPropertiesTest.BOUND, () -> {
            Document te = workspace.open(TE_URI, "trace-events", 1, events);
            Document stp = workspace.open(STAP_URI, "systemtap", 1, script);
            List<String> out = new ArrayList<>();
            for (Document d : List.of(stp, te)) {
                out.addAll(problems(d, -1, script.length() * 31L + events.length()));
            }
            return out;
        });
        assertEquals(List.of(), problems);
    }

    @Provide
    Arbitrary<String> shortStap() {
        return PropertyInputs.stapPieces(8);
    }

    @Provide
    Arbitrary<String> shortTraceEvents() {
        return PropertyInputs.traceEventsPieces(8);
    }

    /** An LSP position anywhere (negative, past a line's end, past the last line) maps to an offset inside. */
    @Property(seed = PropertyInputs.SEED)
    void everyPositionMapsInsideTheDocument(@ForAll("stap") String text, @ForAll int line, @ForAll int character) {
        SourceText st = new SourceText(text);
        int offset = st.offset(new io.tapls.text.Position(line, character));
        org.junit.jupiter.api.Assertions.assertTrue(offset >= 0 && offset <= text.length(), () -> "offset " + offset);
        assertEquals(null, PropertyInputs.outside(st.position(offset), st, "position of " + offset));
    }

    private static final List<String> EDITS = List.of("", "x", "\n", "\r\n", "}", "probe begin { x = 1 }\n",
            "\uD83D", "\uDE00", "\uD83D\uDE00", "foo(int x) \"x=%d\"\n", "\"", "%(", "(");

    private static io.tapls.text.Position position(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> new io.tapls.text.Position(r.nextInt(-3, 6), r.nextInt(-3, 12));
            case 1 -> new io.tapls.text.Position(r.nextInt(0, 40), r.nextInt(0, 200));
            case 2 -> new io.tapls.text.Position(Integer.MAX_VALUE, Integer.MIN_VALUE);
            default -> new io.tapls.text.Position(r.nextInt(0, 3), r.nextInt(0, 3));
        };
    }

    static List<String> problems(Document d, long seed) {
        return problems(d, 6, seed);
    }

    /** What is wrong with the features' answers on d: at {@code random} random offsets, or every one if -1. */
    static List<String> problems(Document d, int random, long seed) {
        SourceText text = d.text();
        int length = text.length();
        List<String> out = new ArrayList<>();
        for (var t : SemanticTokens.tokens(workspace, d)) {
            add(out, PropertyInputs.outside(new Span(t.start(), t.end()), length, "semantic token"));
        }
        for (var t : SemanticTokens.lines(workspace, d, null)) {
            if (t.line() >= text.lineCount() || text.lineStart(t.line()) + t.end() > text.lineContentEnd(t.line())) {
                out.add("semantic line token " + t + " outside its line");
            }
        }
        for (Folding.Range r : Folding.ranges(d)) {
            if (r.startLine() < 0 || r.endLine() < r.startLine() || r.endLine() >= text.lineCount()) {
                out.add("folding range " + r + " outside the document (" + text.lineCount() + " lines)");
            }
        }
        for (DocumentSymbol s : DocumentSymbols.symbols(d)) {
            add(out, PropertyInputs.outside(s.span(), length, "symbol " + s.name()));
            add(out, PropertyInputs.outside(s.selection(), length, "symbol selection " + s.name()));
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<Integer> offsets = PropertyInputs.offsets(text.text(), seed, random < 0 ? 0 : random);
        if (random < 0) {
            for (int i = 1; i < length; i++) {
                offsets.add(i);
            }
        }
        for (int offset : offsets) {
            String at = " at " + offset + " of " + d.uri();
            for (CompletionItem c : Completion.complete(workspace, d, offset)) {
                if (c.replace() != null) {
                    add(out, PropertyInputs.outside(c.replace(), length, "completion " + c.label() + at));
                }
            }
            Hover.hover(workspace, d, offset).ifPresent(h -> {
                if (h.span() != null) {
                    add(out, PropertyInputs.outside(h.span(), length, "hover" + at));
                }
            });
            for (Location l : Definition.definition(workspace, d, offset)) {
                location(out, d, l, "definition" + at);
            }
            for (Location l : References.references(workspace, d, offset, r.nextBoolean())) {
                location(out, d, l, "reference" + at);
            }
            for (Span s : DocumentHighlight.highlights(workspace, d, offset)) {
                add(out, PropertyInputs.outside(s, length, "highlight" + at));
            }
            SignatureHelp.signature(workspace, d, offset);
            Rename.prepare(workspace, d, offset).ifPresent(p -> {
                add(out, PropertyInputs.outside(p.span(), length, "rename " + p.name() + at));
                String name = NEW_NAMES.get(r.nextInt(NEW_NAMES.size()));
                try {
                    Rename.rename(workspace, d, offset, name).byPath().forEach((path, edits) -> {
                        for (Rename.FileEdit e : edits) {
                            location(out, d, e.range(), "rename edit" + at);
                        }
                    });
                } catch (IllegalArgumentException refused) {
                    // the explanation of a rename that cannot be made (the server's error reply)
                }
            });
        }
        // ranges (the whole document, an empty one, one past the end, a random one) for the range requests
        int start = r.nextInt(length + 3);
        for (Span range : List.of(new Span(0, length), new Span(start, start),
                new Span(start, start + r.nextInt(length + 4)), new Span(length + 1, length + 100))) {
            for (QuickFix q : CodeActions.quickFixes(workspace, d, range)) {
                for (TextEdit e : q.fix().edits()) {
                    add(out, PropertyInputs.outside(e.span(), length, "quick fix " + q.fix().title() + " in " + range));
                }
            }
            for (var t : SemanticTokens.lines(workspace, d, range)) {
                if (t.line() >= text.lineCount()) {
                    out.add("semantic line token " + t + " of " + range + " past the last line");
                }
            }
        }
        return out;
    }

    /** New names for a rename: valid ones in each language, and ones it must refuse (with an explanation). */
    private static final List<String> NEW_NAMES = List.of("renamed_x", "x", "qemu_event_y", "a$b", "", " ", "a b",
            "probe", "global", "1x", "x-y", "é", "\uD83D", "\uD83D\uDE00", "x\ny", "disable", "next", "__cpu",
            "%s", "x\"", "_", "$x", "@x", "a".repeat(300));

    private static void add(List<String> out, String problem) {
        if (problem != null) {
            out.add(problem);
        }
    }

    /**
     * A location in an open document (this one or the other language's) must lie inside it; one elsewhere (the
     * library) at least be a place.
     */
    private static void location(List<String> out, Document d, Location l, String what) {
        Document in = l.path().equals(d.path()) ? d : workspace.documents().stream()
                .filter(o -> o.path().equals(l.path())).findFirst().orElse(null);
        if (in != null) {
            add(out, PropertyInputs.outside(l.start(), in.text(), what + " start in " + in.uri()));
            add(out, PropertyInputs.outside(l.end(), in.text(), what + " end in " + in.uri()));
        } else if (l.start().line() < 0 || l.start().character() < 0 || l.end().line() < 0
                || l.end().character() < 0) {
            out.add(what + ": location " + l + " with a negative position");
        }
    }
}
