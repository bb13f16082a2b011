package io.tapls.traceevents;

import io.tapls.diag.Diagnostic;
import io.tapls.grammar.TraceEventLexer;
import io.tapls.grammar.TraceEventParser;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads a trace-events file into the model, one line at a time, exactly as tracetool's read_events
 * decides what is an event. Never throws on bad input: a line tracetool cannot parse becomes an
 * event-syntax diagnostic.
 */
public final class TraceEventsReader {
    private TraceEventsReader() {
    }

    public static TraceEventsFile read(String name, String content) {
        SourceText text = new SourceText(content);
        List<TraceEvent> events = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        read(name, text, events::add, diagnostics);
        return new TraceEventsFile(name, text, events, diagnostics);
    }

    /**
     * Reads the file line by line, handing each event to {@code events} as soon as it is read and adding the
     * syntax diagnostics to {@code diagnostics}: what {@link #read(String, String)} collects, for a caller that
     * needs no model of the whole file (a one-shot check of a file of any size keeps one event at a time).
     */
    public static void read(String name, SourceText text, java.util.function.Consumer<TraceEvent> events,
                            List<Diagnostic> diagnostics) {
        checkFinalNewline(name, text, diagnostics);
        readLines(text, 0, text.lineCount(), new LineParser(), events, diagnostics);
    }

    /** The events of lines [from, to), in order, as {@link #read(String, SourceText, java.util.function.Consumer,
     *  List)} reads them (without the whole file's missing-final-newline check). */
    static void readLines(SourceText text, int from, int to, LineParser parser,
                          java.util.function.Consumer<TraceEvent> events, List<Diagnostic> diagnostics) {
        for (int line = from; line < to; line++) {
            String content1 = text.lineContent(line);
            if (isBlankOrComment(content1)) {
                continue;
            }
            TraceEvent event = parseLine(parser, text.lineStart(line), line, content1, diagnostics);
            if (event != null) {
                events.accept(event);
            }
        }
    }

    /** The missing-final-newline check, on its own for a caller that reads the lines in pieces. */
    static void checkFinalNewline(String name, SourceText text, List<Diagnostic> diagnostics) {
        int last = text.lineCount() - 1;
        if (!text.lineTerminated(last) && text.lineStart(last) < text.length()) {
            diagnostics.add(Diagnostic.of(TraceEventRules.MISSING_FINAL_NEWLINE, Span.at(text.length()),
                    name + " does not end with a new line", TraceEventFixes.finalNewline(text)));
        }
    }

    /**
     * One ANTLR lexer and parser for all lines of a file (the lines are tiny, and creating them is not), made when
     * the first line leaves the fast path's shape: a file of ordinary lines never loads ANTLR at all.
     */
    static final class LineParser {
        private TraceEventLexer lexer;
        private TraceEventParser parser;

        TraceEventParser.EventContext parse(String line) {
            if (lexer == null) {
                lexer = new TraceEventLexer(CharStreams.fromString(""));
                parser = new TraceEventParser(new CommonTokenStream(lexer));
                lexer.removeErrorListeners();
                parser.removeErrorListeners();
                // The grammar is unambiguous and tiny: SLL with bail-out decides every line; a bail means
                // tracetool's regex would not match either.
                parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
                parser.setErrorHandler(new BailErrorStrategy());
            }
            lexer.setInputStream(CharStreams.fromString(line));
            parser.setTokenStream(new CommonTokenStream(lexer));
            return parser.event();
        }
    }

    /** Whether tracetool skips the line: blank, or a comment. */
    static boolean isBlankOrComment(String content) {
        return PyText.strip(content).isEmpty() || PyText.lstrip(content).startsWith("#");
    }

    /** One event line at offset {@code base}: its event, or null and a syntax diagnostic. */
    static TraceEvent parseLine(LineParser parser, int base, int line, String content,
                                List<Diagnostic> diagnostics) {
        TraceEvent fast = EventLineScanner.scan(content, base, line);
        return fast != null ? fast : parseLineWithGrammar(parser, base, line, content, diagnostics);
    }

    /** The reference path: the ANTLR grammar, for every line (tests compare it with the fast path). */
    static TraceEvent parseLineWithGrammar(LineParser parser, int base, int line, String content,
                                           List<Diagnostic> diagnostics) {
        OffsetMap offsets = new OffsetMap(content, base);
        TraceEventParser.EventContext ctx;
        try {
            ctx = parser.parse(content);
        } catch (ParseCancellationException e) {
            diagnostics.add(SyntaxExplainer.explain(content, base));
            return null;
        }
        if (ctx.prefix() != null && ctx.prefix().getText().length() == 1) {
            // "((props)\s+)?" needs two characters, so a lone indent character makes the regex fail.
            diagnostics.add(Diagnostic.of(TraceEventRules.EVENT_SYNTAX, offsets.span(0, 1),
                    "tracetool cannot parse an event indented by a single whitespace character:"
                            + " remove it (tracetool fails with AssertionError)"));
            return null;
        }
        // One walk over the children: the generated accessors each scan them again.
        List<Property> properties = new ArrayList<>(2);
        List<Argument> arguments = new ArrayList<>();
        Token nameToken = ctx.name;
        int argsStart = 0;
        int argsEnd = 0;
        int cursor = 0;
        FormatString format = FormatString.empty(offsets.base + content.length());
        Span junk = null;
        for (ParseTree child : ctx.children) {
            if (child instanceof TerminalNode tn) {
                int type = tn.getSymbol().getType();
                if (type == TraceEventLexer.LPAREN) {
                    argsStart = offsets.local(tn.getSymbol().getStopIndex() + 1);
                    cursor = argsStart;
                } else if (type == TraceEventLexer.RPAREN) {
                    argsEnd = offsets.local(tn.getSymbol().getStartIndex());
                }
            } else if (child instanceof TraceEventParser.PrefixContext prefix) {
                for (ParseTree w : prefix.children) {
                    Token t = ((TerminalNode) w).getSymbol();
                    if (t.getType() == TraceEventLexer.WORD) {
                        properties.add(new Property(t.getText(), offsets.span(t)));
                    }
                }
            } else if (child instanceof TraceEventParser.ArgumentContext a) {
                Token t = a.getChildCount() == 0 ? null : ((TerminalNode) a.getChild(0)).getSymbol();
                int start = t == null ? cursor : offsets.local(t.getStartIndex());
                int end = t == null ? cursor : offsets.local(t.getStopIndex() + 1);
                Argument arg = splitArgument(content, start, end, offsets);
                if (arg != null) {
                    arguments.add(arg);
                }
                cursor = end + 1;
            } else if (child instanceof TraceEventParser.TailContext tail) {
                ParseTree first = tail.getChild(0);
                if (first instanceof TerminalNode junkToken) {
                    junk = offsets.span(junkToken.getSymbol());
                    continue;
                }
                TraceEventParser.FormatContext f = (TraceEventParser.FormatContext) first;
                int fmtStart = offsets.local(f.getStart().getStartIndex());
                String raw = content.substring(fmtStart);
                if (raw.equals("\"")) {
                    // tracetool's fmt group is '".+': a lone quote is not a format, and is dropped.
                    junk = offsets.span(fmtStart, content.length());
                } else {
                    format = FormatStringParser.parse(raw, offsets.span(fmtStart, content.length()),
                            pieces(f, offsets));
                }
            }
        }
        return new TraceEvent(line, offsets.span(0, content.length()), nameToken.getText(),
                offsets.span(nameToken), properties, offsets.span(argsStart, argsEnd), arguments, format, junk);
    }

    private static List<FormatPiece> pieces(TraceEventParser.FormatContext format, OffsetMap offsets) {
        List<FormatPiece> pieces = new ArrayList<>();
        for (int i = 0; i < format.getChildCount(); i++) {
            var child = format.getChild(i);
            Token t = child instanceof TerminalNode tn ? tn.getSymbol()
                    : ((TraceEventParser.FormatPieceContext) child).getStart();
            FormatPiece.Kind kind = switch (t.getType()) {
                case TraceEventLexer.STRING -> FormatPiece.Kind.STRING;
                case TraceEventLexer.UNTERMINATED -> FormatPiece.Kind.UNTERMINATED_STRING;
                case TraceEventLexer.MACRO -> FormatPiece.Kind.MACRO;
                case TraceEventLexer.FMT_WS -> FormatPiece.Kind.WHITESPACE;
                default -> FormatPiece.Kind.OTHER;
            };
            pieces.add(new FormatPiece(kind, t.getText(), offsets.span(t)));
        }
        return pieces;
    }

    /** tracetool's Arguments.build for one comma-separated piece; null for 'void'. */
    static Argument splitArgument(String content, int start, int end, OffsetMap offsets) {
        String raw = content.substring(start, end);
        String stripped = PyText.strip(raw);
        int s = start + raw.indexOf(stripped.isEmpty() ? "" : stripped);
        if (stripped.isEmpty()) {
            Span at = offsets.span(start, end);
            return new Argument("", "", "", at, at, at, false);
        }
        int e = s + stripped.length();
        if (stripped.equals("void")) {
            return null;
        }
        Span span = offsets.span(s, e);
        int star = stripped.lastIndexOf('*');
        if (star >= 0) {
            String type = stripped.substring(0, star + 1);
            String after = stripped.substring(star + 1);
            String name = PyText.strip(after);
            int nameStart = s + star + 1 + (name.isEmpty() ? 0 : after.indexOf(name));
            return new Argument(stripped, type, name, span, offsets.span(s, s + star + 1),
                    offsets.span(nameStart, nameStart + name.length()), false);
        }
        int split = PyText.lastWhitespaceRun(stripped);
        if (split < 0) {
            return new Argument(stripped, "", stripped, span, span, offsets.span(e, e), true);
        }
        int typeEnd = split;
        while (typeEnd > 0 && PyText.isSpace(stripped.charAt(typeEnd - 1))) {
            typeEnd--;
        }
        String type = stripped.substring(0, typeEnd);
        String name = stripped.substring(split);
        return new Argument(stripped, type, name, span, offsets.span(s, s + typeEnd), offsets.span(s + split, e),
                false);
    }

    /** Maps ANTLR's code-point indexes within a line to UTF-16 offsets in the file. */
    static final class OffsetMap {
        final int base;
        private final int[] utf16;

        OffsetMap(String line, int base) {
            this.base = base;
            boolean surrogates = false;
            for (int i = 0; i < line.length() && !surrogates; i++) {
                surrogates = Character.isSurrogate(line.charAt(i));
            }
            if (!surrogates) {
                this.utf16 = null;
            } else {
                int n = line.codePointCount(0, line.length());
                this.utf16 = new int[n + 1];
                int off = 0;
                for (int i = 0; i < n; i++) {
                    utf16[i] = off;
                    off += Character.charCount(line.codePointAt(off));
                }
                utf16[n] = off;
            }
        }

        /** The UTF-16 index within the line of a code-point index. */
        int local(int codePointIndex) {
            return utf16 == null ? codePointIndex : utf16[codePointIndex];
        }

        /** A span from UTF-16 indexes within the line. */
        Span span(int start, int end) {
            return new Span(base + start, base + end);
        }

        Span span(Token t) {
            return span(local(t.getStartIndex()), local(t.getStopIndex() + 1));
        }
    }
}
