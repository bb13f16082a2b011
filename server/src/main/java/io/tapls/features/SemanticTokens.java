package io.tapls.features;

import io.tapls.index.TapsetIndex;
import io.tapls.provider.ProbeArg;
import io.tapls.provider.ProviderDecl;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.traceevents.Argument;
import io.tapls.traceevents.Conversion;
import io.tapls.traceevents.FormatPiece;
import io.tapls.traceevents.FormatStringParser;
import io.tapls.traceevents.Property;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Semantic tokens for both languages, from tapls' own lexers and models (a script's cached tokens, a
 * trace-events file's cached model), with LSP 3.17's standard token types and modifiers only, so that every
 * client's theme has a colour for them.
 * <ul>
 * <li>trace-events: property words ({@code modifier}), the event's name ({@code function} +
 *     {@code declaration}), argument types ({@code type}) and names ({@code parameter} + {@code declaration}),
 *     the format's string literals ({@code string}) with their printf conversions ({@code regexp}, the standard
 *     type nearest a format specifier) and PRI macros ({@code macro} + {@code defaultLibrary}: inttypes.h's),
 *     comments.</li>
 * <li>DTrace provider files: see {@link #provider}.</li>
 * <li>SystemTap: see {@link ScriptTokens}.</li>
 * </ul>
 * Tokens are sorted and never overlap; a token may span lines here ({@link Token}), {@link #lines} splits them
 * at line ends for clients without {@code multilineTokenSupport}.
 */
public final class SemanticTokens {
    /** The token types tapls reports, by their LSP 3.17 names; the legend lists them in this order. */
    public enum Type {
        NAMESPACE("namespace"), TYPE("type"), PARAMETER("parameter"), VARIABLE("variable"), PROPERTY("property"),
        FUNCTION("function"), MACRO("macro"), KEYWORD("keyword"), MODIFIER("modifier"), COMMENT("comment"),
        STRING("string"), NUMBER("number"), REGEXP("regexp"), OPERATOR("operator");

        private final String lspName;

        Type(String lspName) {
            this.lspName = lspName;
        }

        public String lspName() {
            return lspName;
        }
    }

    /** The token modifiers tapls reports, by their LSP 3.17 names; bit {@code ordinal()} in the legend. */
    public enum Modifier {
        DECLARATION("declaration"), READONLY("readonly"), STATIC("static"), DOCUMENTATION("documentation"),
        DEFAULT_LIBRARY("defaultLibrary");

        private final String lspName;

        Modifier(String lspName) {
            this.lspName = lspName;
        }

        public String lspName() {
            return lspName;
        }

        public int bit() {
            return 1 << ordinal();
        }
    }

    /** A classified range [start, end) of UTF-16 offsets; {@code modifiers} is a set of {@link Modifier} bits. */
    public record Token(int start, int end, Type type, int modifiers) {
        public boolean has(Modifier m) {
            return (modifiers & m.bit()) != 0;
        }
    }

    /** A token's part on one line: [start, end) offsets within that line's content. */
    public record LineToken(int line, int start, int end, Type type, int modifiers) {
        public int length() {
            return end - start;
        }

        public boolean has(Modifier m) {
            return (modifiers & m.bit()) != 0;
        }
    }

    private SemanticTokens() {
    }

    /** Every token of the document, sorted, never overlapping; empty for a document of another kind. */
    public static List<Token> tokens(Workspace workspace, Document document) {
        List<Token> out = new ArrayList<>();
        if (document.kind() == FileKind.TRACE_EVENTS) {
            traceEvents(document.traceEvents(), out);
        } else if (document.kind() == FileKind.PROVIDER) {
            provider(document.provider(), out);
        } else if (document.kind() == FileKind.STAP) {
            new ScriptTokens(document.tokens(), document.text().text(), scriptIndex(workspace), out).run();
        }
        return normalized(out);
    }

    /** The document's tokens split at line ends, those that touch {@code range} only (null: all). */
    public static List<LineToken> lines(Workspace workspace, Document document, Span range) {
        List<LineToken> all = lines(document.text(), tokens(workspace, document));
        if (range == null) {
            return all;
        }
        SourceText text = document.text();
        List<LineToken> out = new ArrayList<>();
        for (LineToken t : all) {
            int start = text.lineStart(t.line()) + t.start();
            int end = text.lineStart(t.line()) + t.end();
            if (end > range.start() && start < range.end()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Tokens split at line ends: a part per line, within the line's content (terminators excluded). */
    public static List<LineToken> lines(SourceText text, List<Token> tokens) {
        List<LineToken> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            int first = text.lineOf(t.start());
            int last = text.lineOf(Math.max(t.start(), t.end() - 1));
            for (int line = first; line <= last; line++) {
                int lineStart = text.lineStart(line);
                int start = Math.max(t.start(), lineStart);
                int end = Math.min(t.end(), text.lineContentEnd(line));
                if (end > start) {
                    out.add(new LineToken(line, start - lineStart, end - lineStart, t.type(), t.modifiers()));
                }
            }
        }
        return out;
    }

    /**
     * The index scripts are classified against, or null while the library is still being indexed (the tokens
     * are then computed without it, and the server asks the client to refresh them once it is ready) or in
     * syntax-only mode.
     */
    private static TapsetIndex scriptIndex(Workspace workspace) {
        if (workspace.settings().syntaxOnly() || !workspace.indexReady()) {
            return null;
        }
        return workspace.index();
    }

    /** Sorted by start; empty tokens and any that would overlap the one before are dropped. */
    private static List<Token> normalized(List<Token> tokens) {
        tokens.sort(Comparator.comparingInt(Token::start));
        List<Token> out = new ArrayList<>(tokens.size());
        int end = 0;
        for (Token t : tokens) {
            if (t.end() > t.start() && t.start() >= end) {
                out.add(t);
                end = t.end();
            }
        }
        return out;
    }

    static void add(List<Token> out, int start, int end, Type type, Modifier... modifiers) {
        int bits = 0;
        for (Modifier m : modifiers) {
            bits |= m.bit();
        }
        if (end > start) {
            out.add(new Token(start, end, type, bits));
        }
    }

    // ================================================================== provider files

    /**
     * A provider file: {@code provider} and {@code probe} ({@code keyword}), the provider's name ({@code namespace}
     * + {@code declaration}), probe names ({@code function} + {@code declaration}), argument types ({@code type})
     * and names ({@code parameter} + {@code declaration}); libvirt's group comments {@code # file:} ... as
     * {@code keyword} then their value ({@code string}, the prefix a {@code namespace}); other comments.
     */
    private static void provider(ProviderFile file, List<Token> out) {
        SourceText text = file.text();
        String s = text.text();
        for (int line = 0; line < text.lineCount(); line++) {
            int i = text.lineStart(line);
            int end = text.lineContentEnd(line);
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < end && s.charAt(i) == '#') {
                java.util.regex.Matcher m = DIRECTIVE.matcher(s).region(i, end);
                if (m.lookingAt()) {
                    add(out, i, m.end(1), Type.KEYWORD);
                    add(out, m.start(2), m.end(2), m.group(1).endsWith("prefix:") ? Type.NAMESPACE : Type.STRING);
                } else {
                    add(out, i, end, Type.COMMENT);
                }
            }
        }
        for (ProviderDecl d : file.providers()) {
            int at = s.indexOf("provider", d.span().start());
            if (at >= 0 && at < d.span().end()) {
                add(out, at, at + "provider".length(), Type.KEYWORD);
            }
            add(out, d.nameSpan().start(), d.nameSpan().end(), Type.NAMESPACE, Modifier.DECLARATION);
        }
        for (ProviderProbe p : file.probes()) {
            add(out, p.span().start(), p.span().start() + "probe".length(), Type.KEYWORD);
            add(out, p.nameSpan().start(), p.nameSpan().end(), Type.FUNCTION, Modifier.DECLARATION);
            for (ProbeArg a : p.args()) {
                if (a.name() == null) {
                    add(out, a.span().start(), a.span().end(), Type.TYPE);
                    continue;
                }
                int typeEnd = a.nameSpan().start();
                while (typeEnd > a.span().start() && Character.isWhitespace(s.charAt(typeEnd - 1))) {
                    typeEnd--;
                }
                add(out, a.span().start(), typeEnd, Type.TYPE);
                add(out, a.nameSpan().start(), a.nameSpan().end(), Type.PARAMETER, Modifier.DECLARATION);
            }
        }
    }

    /** libvirt's group comments, as its dtrace2systemtap.py reads them (one word after the colon). */
    private static final java.util.regex.Pattern DIRECTIVE = java.util.regex.Pattern.compile(
            "(#\\s*(?:file|prefix|binary|module):)\\s*(\\S+)\\s*$");

    // ================================================================== trace-events

    private static void traceEvents(TraceEventsFile file, List<Token> out) {
        if (file == null) {
            return;
        }
        SourceText text = file.text();
        String s = text.text();
        // Comments: tracetool skips a line whose first non-blank character is '#'.
        for (int line = 0; line < text.lineCount(); line++) {
            int i = text.lineStart(line);
            int end = text.lineContentEnd(line);
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < end && s.charAt(i) == '#') {
                add(out, i, end, Type.COMMENT);
            }
        }
        for (TraceEvent e : file.events()) {
            for (Property p : e.properties()) {
                add(out, p.span().start(), p.span().end(), Type.MODIFIER);
            }
            add(out, e.nameSpan().start(), e.nameSpan().end(), Type.FUNCTION, Modifier.DECLARATION);
            if (e.arguments().isEmpty()) {
                // "(void)": no arguments, and the word is a type
                String list = file.text().slice(e.argumentsSpan());
                int v = list.indexOf("void");
                if (v >= 0 && list.strip().equals("void")) {
                    int at = e.argumentsSpan().start() + v;
                    add(out, at, at + 4, Type.TYPE);
                }
            }
            for (Argument a : e.arguments()) {
                if (!a.type().isEmpty()) {
                    add(out, a.typeSpan().start(), a.typeSpan().end(), Type.TYPE);
                }
                if (!a.name().isEmpty() && a.nameSpan().start() >= a.typeSpan().end()) {
                    add(out, a.nameSpan().start(), a.nameSpan().end(), Type.PARAMETER, Modifier.DECLARATION);
                }
            }
            format(e, out);
        }
    }

    /**
     * The format's pieces up to the first that is not C a format is made of: each string literal is a string with its conversions carved out (a conversion
     * ending in a PRI macro stops at the literal's closing quote; the macro is a token of its own).
     */
    private static void format(TraceEvent e, List<Token> out) {
        List<Conversion> conversions = e.format().conversions();
        for (FormatPiece p : e.format().pieces()) {
            if (p.kind() == FormatPiece.Kind.OTHER) {
                break; // what follows is not C the format is made of (FormatStringParser stops there too)
            }
            Span span = p.span();
            switch (p.kind()) {
                case MACRO -> {
                    if (FormatStringParser.isPriMacro(p.text())) {
                        add(out, span.start(), span.end(), Type.MACRO, Modifier.DEFAULT_LIBRARY);
                    } else {
                        add(out, span.start(), span.end(), Type.MACRO);
                    }
                }
                case STRING, UNTERMINATED_STRING -> {
                    int contentStart = span.start() + 1;
                    int contentEnd = p.kind() == FormatPiece.Kind.STRING ? span.end() - 1 : span.end();
                    int at = span.start();
                    for (Conversion c : conversions) {
                        int cs = Math.max(c.span().start(), contentStart);
                        int ce = Math.min(c.span().end(), contentEnd);
                        if (ce <= cs) {
                            continue;
                        }
                        add(out, at, cs, Type.STRING);
                        add(out, cs, ce, Type.REGEXP);
                        at = ce;
                    }
                    add(out, at, span.end(), Type.STRING);
                }
                default -> {
                }
            }
        }
    }
}
