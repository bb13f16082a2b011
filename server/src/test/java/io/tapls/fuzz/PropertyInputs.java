package io.tapls.fuzz;

import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The inputs of the property tests (the *PropertiesTest classes of this package), as jqwik arbitraries: the
 * differential fuzzers' generators and mutators (grammar-shaped input), strings of the characters each language
 * treats specially (arbitrary input), and any string at all (lone surrogates, control characters, NULs).
 */
final class PropertyInputs {
    private PropertyInputs() {
    }

    /** The seed every property runs with, so that CI is reproducible (a longer run: more tries, same seed). */
    static final String SEED = "20261201";

    // ------------------------------------------------------------------ .stp

    private static List<String> stapLibrary;

    /** Debian's tapset files of at most 16 KB (the mutators' sources: small, so that a try stays short). */
    static synchronized List<String> stapLibrary() {
        if (stapLibrary == null) {
            stapLibrary = StapFuzz.library().stream().filter(s -> s.length() <= 16_384).toList();
        }
        return stapLibrary;
    }

    private static final List<String> STAP_PIECES = List.of("probe", " ", "  ", "\n", "\t", "\r\n", "begin", "end",
            "kernel.function(\"f\")", "process(\"p\").mark(\"m\")", "{", "}", "(", ")", "[", "]", ";", ",", ".", "=",
            "+", "-", "*", "/", "%", "!", "?", ":", "#", "$", "@", "&", "|", "^", "~", "<", ">", "<<<", "\"", "'", "`",
            "\\", "%(", "%?", "%:", "%)", "%{", "%}", "@define", "@x", "@1", "$1", "$#", "@#", "global", "function",
            "private", "if", "else", "for", "foreach", "in", "while", "try", "catch", "return", "next", "delete",
            "string", "long", "x", "a$b", "$x", "$$vars", "0", "0x1f", "077", "18446744073709551616", "\"s\"",
            "\"%d\\n\"", "printf", "println", "@cast", "@defined", "@entry", "@avg", "@hist_linear", "limit",
            "kernel_v", ">=", "\"4.0\"", "arch", "==", "\"x86_64\"", "CONFIG_X", "/* c */", "// c\n", "# c\n",
            "/*", "*/", "é", "\uD83D\uDE00", "\u0000", "\u00a0");

    /** A program from stap's grammar, a mutant of Debian's library, or a string of stap's special pieces. */
    static Arbitrary<String> stapInputs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().map(StapGenerator::program)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(PropertyInputs::stapMutant)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(STAP_PIECES).list().ofMaxSize(80)
                        .map(l -> String.join("", l))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(PropertyInputs::deepStap)));
    }

    private static final String[] OPENERS = {"(", "{", "[", "%( 1 == 1 %? ", "if (x) ", "-", "!", "x = ", "f(",
            "@cast(", "x[", "try { ", "while (1) ", "foreach (k in a) ", "1 ? ", "@avg(", "$x->", "++", "~"};
    private static final String[] CLOSERS = {")", "}", "]", " %)", ";", "", ": 2", " } catch { }", ",", "->y"};

    /** A probe whose body nests one construct or a mix of them, up to 5,000 deep, closed or not. */
    static String deepStap(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int depth = 1 + r.nextInt(r.nextBoolean() ? 5_000 : 1_200);
        boolean mixed = r.nextBoolean();
        String one = OPENERS[r.nextInt(OPENERS.length)];
        StringBuilder b = new StringBuilder("probe begin { ");
        for (int i = 0; i < depth; i++) {
            b.append(mixed ? OPENERS[r.nextInt(OPENERS.length)] : one);
        }
        b.append("y");
        for (int i = 0; i < depth && r.nextInt(50) != 0; i++) {
            b.append(CLOSERS[r.nextInt(CLOSERS.length)]);
        }
        return b.append(" }\n").toString();
    }

    /** Short strings of stap's special pieces (at most {@code pieces} of them). */
    static Arbitrary<String> stapPieces(int pieces) {
        return Arbitraries.of(STAP_PIECES).list().ofMaxSize(pieces).map(l -> String.join("", l));
    }

    static String stapMutant(long seed) {
        List<String> lib = stapLibrary();
        if (lib.isEmpty()) {
            return StapGenerator.program(seed);
        }
        SplittableRandom r = new SplittableRandom(seed);
        return StapMutator.mutate(lib.get(r.nextInt(lib.size())), lib.get(r.nextInt(lib.size())), r.nextLong());
    }

    /** Programs stap's grammar describes (about a third invalid: the generator corrupts them). */
    static Arbitrary<String> stapPrograms() {
        return Arbitraries.longs().map(StapGenerator::program);
    }

    // ------------------------------------------------------------------ trace-events

    private static List<String> traceEventsCorpus;

    static synchronized List<String> traceEventsCorpus() {
        if (traceEventsCorpus == null) {
            traceEventsCorpus = TraceEventsFuzz.corpus().stream().filter(s -> s.length() <= 32_768).toList();
        }
        return traceEventsCorpus;
    }

    private static final List<String> TE_PIECES = List.of("disable", "vcpu", "tcg", " ", "  ", "\t", "\n", "\r\n",
            "\r", "#", "e", "foo_bar", "(", ")", ",", "\"", "\\", "\\\"", "%", "%d", "%s", "%p", "%\" PRIx64 \"",
            "\" PRIu32", "PRIx64", "%-08lld", "%*d", "%%", "%m", "int", "const char *", "uint64_t", "void", "x",
            "next", "__cpu", "struct Foo *", "unsigned long", "bool", "0x%x", "é", "\uD83D\uDE00", "\u0000", "\u000B",
            "\u00a0", "\u2003");

    /** A file from tracetool's format, a mutant of QEMU's corpus, or a string of trace-events' special pieces. */
    static Arbitrary<String> traceEventsInputs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().map(TraceEventsGenerator::file)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(PropertyInputs::traceEventsMutant)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(TE_PIECES).list().ofMaxSize(60)
                        .map(l -> String.join("", l))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)));
    }

    /** Short strings of trace-events' special pieces (at most {@code pieces} of them). */
    static Arbitrary<String> traceEventsPieces(int pieces) {
        return Arbitraries.of(TE_PIECES).list().ofMaxSize(pieces).map(l -> String.join("", l));
    }

    static String traceEventsMutant(long seed) {
        List<String> corpus = traceEventsCorpus();
        if (corpus.isEmpty()) {
            return TraceEventsGenerator.file(seed);
        }
        SplittableRandom r = new SplittableRandom(seed);
        return TraceEventsMutator.mutate(corpus.get(r.nextInt(corpus.size())),
                corpus.get(r.nextInt(corpus.size())), r.nextLong());
    }

    // ------------------------------------------------------------------ positions

    /**
     * Offsets to ask at: both ends, just outside them, far outside (negative, past the end, the int limits),
     * inside every surrogate pair (at most 8) and {@code random} more anywhere in the text.
     */
    static List<Integer> offsets(String text, long seed, int random) {
        List<Integer> out = new ArrayList<>(List.of(0, text.length(), -1, text.length() + 1, -1000,
                text.length() + 1000, Integer.MIN_VALUE, Integer.MAX_VALUE));
        int pairs = 0;
        for (int i = 1; i < text.length() && pairs < 8; i++) {
            if (Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) {
                out.add(i);
                pairs++;
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < random; i++) {
            out.add(r.nextInt(text.length() + 1));
        }
        return out;
    }

    /** Why a span is not inside a text of this length, or null when it is. */
    static String outside(Span span, int length, String what) {
        if (span == null) {
            return what + ": null span";
        }
        if (span.start() < 0 || span.end() > length) {
            return what + ": span " + span + " outside the text (length " + length + ")";
        }
        return null;
    }

    /** Why a line/character position is not inside the text, or null when it is. */
    static String outside(io.tapls.text.Position p, SourceText text, String what) {
        if (p == null) {
            return what + ": null position";
        }
        if (p.line() < 0 || p.line() >= text.lineCount() || p.character() < 0
                || text.lineStart(p.line()) + p.character() > (p.line() + 1 < text.lineCount()
                        ? text.lineStart(p.line() + 1) : text.length())) {
            return what + ": position " + p + " outside the text (" + text.lineCount() + " lines)";
        }
        return null;
    }
}
