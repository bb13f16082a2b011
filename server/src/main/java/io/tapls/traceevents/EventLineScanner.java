package io.tapls.traceevents;

import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link TraceEventsReader}: a hand-written scanner for the shape nearly every event line has
 * (ASCII, {@code [props] name(args) ["format" MACRO "..."]}), giving exactly the event the ANTLR grammar
 * (grammar/TraceEventLexer.g4, TraceEventParser.g4) gives. The grammar stays the reference: whenever a line
 * leaves the common shape (a character outside ASCII, no '(' or ')', text after ')' that tracetool drops, a
 * one-character indent, a lone quote) this scanner answers null and the reader asks the ANTLR parser, which
 * also words the syntax diagnostics. TraceEventsReaderTest compares both paths over every line of the corpus
 * and over mutated lines. Why it exists: in a whole `tapls check` run the JVM is cold, and ANTLR's lexer and
 * parser simulation (plus loading and deserialising its ATNs) cost about a quarter of the analysis.
 */
final class EventLineScanner {
    private EventLineScanner() {
    }

    /** The event of one line at offset {@code base}, or null when the line is left to the reference parser. */
    static TraceEvent scan(String content, int base, int line) {
        int n = content.length();
        for (int i = 0; i < n; i++) {
            if (content.charAt(i) >= 0x80) {
                return null;
            }
        }
        // Before '(': words and whitespace only (TraceEventLexer's default mode: WORD, WS; anything else is
        // OTHER, which no rule accepts there). The name is the word right before '('.
        int lparen = -1;
        for (int i = 0; i < n; i++) {
            char c = content.charAt(i);
            if (c == '(') {
                lparen = i;
                break;
            }
            if (!isWord(c) && !isSpace(c)) {
                return null;
            }
        }
        if (lparen <= 0 || !isWord(content.charAt(lparen - 1))) {
            return null;
        }
        int nameStart = lparen - 1;
        while (nameStart > 0 && isWord(content.charAt(nameStart - 1))) {
            nameStart--;
        }
        if (nameStart == 1) {
            return null; // a one-character indent: the reference path words tracetool's AssertionError
        }
        List<Property> properties = new ArrayList<>(2);
        for (int i = 0; i < nameStart; ) {
            if (isWord(content.charAt(i))) {
                int s = i;
                while (i < nameStart && isWord(content.charAt(i))) {
                    i++;
                }
                properties.add(new Property(content.substring(s, i), new Span(base + s, base + i)));
            } else {
                i++;
            }
        }
        // The arguments: everything up to the first ')', split at commas (ARGS mode: ARG_TEXT, COMMA, RPAREN).
        int rparen = content.indexOf(')', lparen + 1);
        if (rparen < 0) {
            return null;
        }
        List<Argument> arguments = new ArrayList<>();
        TraceEventsReader.OffsetMap offsets = new TraceEventsReader.OffsetMap(content, base);
        int pieceStart = lparen + 1;
        for (int i = lparen + 1; i <= rparen; i++) {
            if (i == rparen || content.charAt(i) == ',') {
                Argument a = TraceEventsReader.splitArgument(content, pieceStart, i, offsets);
                if (a != null) {
                    arguments.add(a);
                }
                pieceStart = i + 1;
            }
        }
        // After ')': optional whitespace (GAP), then nothing or a format that starts with a quote; anything
        // else is JUNK, and a lone '"' is dropped by tracetool: both are left to the reference path.
        int i = rparen + 1;
        while (i < n && isSpace(content.charAt(i))) {
            i++;
        }
        FormatString format = FormatString.empty(base + n);
        if (i < n) {
            if (content.charAt(i) != '"' || i == n - 1) {
                return null;
            }
            format = FormatStringParser.parse(content.substring(i), new Span(base + i, base + n),
                    formatPieces(content, i, base));
        }
        return new TraceEvent(line, new Span(base, base + n), content.substring(nameStart, lparen),
                new Span(base + nameStart, base + lparen), properties, new Span(base + lparen + 1, base + rparen),
                arguments, format, null);
    }

    /** The FORMAT mode's tokens from the opening quote at {@code from} to the end of the line. */
    private static List<FormatPiece> formatPieces(String content, int from, int base) {
        List<FormatPiece> pieces = new ArrayList<>();
        int n = content.length();
        int i = from;
        while (i < n) {
            char c = content.charAt(i);
            int s = i;
            FormatPiece.Kind kind;
            if (c == '"') {
                // STRING / UNTERMINATED: '"' (~["\\] | '\\' .)* then '"', or an optional trailing '\' at the end.
                i++;
                kind = FormatPiece.Kind.UNTERMINATED_STRING;
                while (i < n) {
                    char d = content.charAt(i);
                    if (d == '"') {
                        i++;
                        kind = FormatPiece.Kind.STRING;
                        break;
                    }
                    i += d == '\\' ? 2 : 1;
                }
                i = Math.min(i, n);
            } else if (isMacroStart(c)) {
                i++;
                while (i < n && (isMacroStart(content.charAt(i)) || (content.charAt(i) >= '0' && content.charAt(i) <= '9'))) {
                    i++;
                }
                kind = FormatPiece.Kind.MACRO;
            } else if (c == ' ' || c == '\t') {
                // FMT_WS: only a space and a tab separate a format's tokens (any other whitespace is FMT_OTHER)
                while (i < n && (content.charAt(i) == ' ' || content.charAt(i) == '\t')) {
                    i++;
                }
                kind = FormatPiece.Kind.WHITESPACE;
            } else {
                i++;
                kind = FormatPiece.Kind.OTHER;
            }
            pieces.add(new FormatPiece(kind, content.substring(s, i), new Span(base + s, base + i)));
        }
        return pieces;
    }

    /** WORD's characters within ASCII (Python's \w). */
    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isMacroStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** The lexer's WHITESPACE fragment within ASCII (Python's \s without \r and \n, which end the line). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1F);
    }
}
