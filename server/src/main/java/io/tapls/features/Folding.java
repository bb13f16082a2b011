package io.tapls.features;

import io.tapls.stap.StapLexing;
import io.tapls.provider.ProbeGroup;
import io.tapls.provider.ProviderDecl;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Folding ranges (0-based first and last lines): a script's probe and function bodies and multi-line comments;
 * a trace-events file's groups of events under a {@code # file.c} comment.
 */
public final class Folding {
    /** A range of lines to fold; {@code comment} for a comment block. */
    public record Range(int startLine, int endLine, boolean comment) {
    }

    private Folding() {
    }

    public static List<Range> ranges(Document document) {
        SourceText text = document.text();
        List<Range> out = new ArrayList<>();
        if (document.kind() == FileKind.STAP) {
            StapLexing.Result lexed = document.tokens();
            for (ScriptContext.Block b : ScriptContext.blocks(lexed.tokens(), text.text().length())) {
                add(out, text.lineOf(b.headerStart()), text.lineOf(b.bodyEnd()), false);
            }
            for (StapLexing.Comment c : lexed.comments()) {
                add(out, text.lineOf(c.start()), text.lineOf(Math.max(c.start(), c.end() - 1)), true);
            }
        } else if (document.kind() == FileKind.PROVIDER) {
            // the provider block, each '# file:' group and each probe over several lines
            ProviderFile file = document.provider();
            for (ProviderDecl d : file.providers()) {
                for (Span c : file.closings()) {
                    if (c.start() > d.span().start()) {
                        add(out, text.lineOf(d.span().start()), text.lineOf(c.start()), false);
                        break;
                    }
                }
            }
            for (ProbeGroup g : file.groups()) {
                add(out, text.lineOf(g.span().start()), text.lineOf(g.span().end()), false);
            }
            for (ProviderProbe p : file.probes()) {
                add(out, text.lineOf(p.span().start()), text.lineOf(p.span().end()), false);
            }
        } else if (document.kind() == FileKind.TRACE_EVENTS) {
            // "# hw/net/e1000.c" opens a group that runs to the line before the next such comment (or the end).
            int open = -1;
            int last = -1;
            for (int line = 0; line < text.lineCount(); line++) {
                String s = lineText(text, line).strip();
                if (s.startsWith("#") && s.endsWith(".c")) {
                    if (open >= 0) {
                        add(out, open, last, false);
                    }
                    open = line;
                }
                if (!s.isEmpty()) {
                    last = line;
                }
            }
            if (open >= 0) {
                add(out, open, last, false);
            }
        }
        return out;
    }

    private static String lineText(SourceText text, int line) {
        int start = text.offset(new io.tapls.text.Position(line, 0));
        int end = line + 1 < text.lineCount() ? text.offset(new io.tapls.text.Position(line + 1, 0)) : text.text()
                .length();
        return text.text().substring(start, end);
    }

    private static void add(List<Range> out, int start, int end, boolean comment) {
        if (end > start) {
            out.add(new Range(start, end, comment));
        }
    }
}
