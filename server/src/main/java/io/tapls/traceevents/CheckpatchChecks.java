package io.tapls.traceevents;

import static io.tapls.traceevents.TraceEventRules.CHECKPATCH_DOS_LINE_ENDINGS;
import static io.tapls.traceevents.TraceEventRules.CHECKPATCH_HASH_FLAG;
import static io.tapls.traceevents.TraceEventRules.CHECKPATCH_HEX_PREFIX;
import static io.tapls.traceevents.TraceEventRules.CHECKPATCH_TRAILING_WHITESPACE;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.TextEdit;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * scripts/checkpatch.pl's rules for trace-events lines (spec/tracetool.md D.1), on every line, comments
 * included, as checkpatch applies them to the raw lines of a patch.
 */
final class CheckpatchChecks {
    private static final Pattern HASH_FLAG = Pattern.compile("%[-+ 0]*#");
    private static final String HEX = "%[-+ *.0-9]*(?:[hljztL]|ll|hh)?(?:x|X|\"\\s*PRI[xX][^\"]*\"?)";
    // "don't consider groups split by [.:/ ], like 2A.20:12ab"
    private static final Pattern HEX_GROUPS = Pattern.compile("(?:" + HEX + "[.:/ ])+" + HEX);
    private static final Pattern UNPREFIXED_HEX = Pattern.compile("(?<!0x)" + HEX);

    private CheckpatchChecks() {
    }

    /** A cheap test that {@code HEX} can match: a '%', then its flag/width/length characters, then x, X or '"'. */
    private static boolean mayHaveHexConversion(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            int j = i + 1;
            while (j < raw.length() && "-+ *.0123456789hljztL".indexOf(raw.charAt(j)) >= 0) {
                j++;
            }
            if (j < raw.length() && (raw.charAt(j) == 'x' || raw.charAt(j) == 'X' || raw.charAt(j) == '"')) {
                return true;
            }
        }
        return false;
    }

    static void checkLine(SourceText text, int line, List<Diagnostic> out) {
        int base = text.lineStart(line);
        String raw = text.lineContent(line);
        int terminatorEnd = line + 1 < text.lineCount() ? text.lineStart(line + 1) : text.length();
        int contentEnd = base + raw.length();
        if (terminatorEnd - contentEnd == 2 && text.text().charAt(contentEnd) == '\r') {
            out.add(Diagnostic.of(CHECKPATCH_DOS_LINE_ENDINGS, new Span(base + raw.length(), base + raw.length() + 1),
                    "DOS line endings"));
        } else if (!raw.isEmpty() && Character.isWhitespace(raw.charAt(raw.length() - 1))) {
            int s = raw.length();
            while (s > 0 && Character.isWhitespace(raw.charAt(s - 1))) {
                s--;
            }
            Span ws = new Span(base + s, base + raw.length());
            out.add(Diagnostic.of(CHECKPATCH_TRAILING_WHITESPACE, ws, "trailing whitespace",
                    Fix.replace("Remove trailing whitespace", ws, "")));
        }
        if (raw.indexOf('%') < 0) {
            return;
        }
        Matcher hash = HASH_FLAG.matcher(raw);
        if (raw.indexOf('#') >= 0 && hash.find()) {
            // The fix: drop the '#' and write "0x" before the '%' (only where a hex conversion follows).
            int pct = base + hash.start();
            int flag = base + hash.end() - 1;
            String rest = raw.substring(hash.end());
            Fix fix = rest.matches("(?s)[-+ 0-9.*]*(?:[hljztL]|ll|hh)?[xX].*") || rest.matches("(?s)[-+ 0-9.*]*\"\\s*PRI[xX].*")
                    ? new Fix("Use a '0x' prefix instead of '#'", List.of(new TextEdit(new Span(pct, pct), "0x"),
                            new TextEdit(new Span(flag, flag + 1), "")))
                    : null;
            Span at = new Span(base + hash.start(), base + hash.end());
            String message = "Don't use '#' flag of printf format ('%#') in trace-events, use '0x' prefix instead";
            out.add(fix == null ? Diagnostic.of(CHECKPATCH_HASH_FLAG, at, message)
                    : Diagnostic.of(CHECKPATCH_HASH_FLAG, at, message, fix));
            return;
        }
        if (!mayHaveHexConversion(raw)) {
            return;
        }
        Matcher groups = HEX_GROUPS.matcher(raw);
        if (!groups.find()) {
            // no exempt group (most lines): the line itself is searched
            Matcher hex = UNPREFIXED_HEX.matcher(raw);
            if (hex.find()) {
                out.add(hexPrefix(base + hex.start(), base + hex.end()));
            }
            return;
        }
        // Remove the exempt groups, remembering where each remaining character came from.
        StringBuilder tmp = new StringBuilder();
        int[] origin = new int[raw.length() + 1];
        int kept = 0;
        int last = 0;
        groups.reset();
        while (groups.find()) {
            for (int i = last; i < groups.start(); i++) {
                tmp.append(raw.charAt(i));
                origin[kept++] = i;
            }
            last = groups.end();
        }
        for (int i = last; i < raw.length(); i++) {
            tmp.append(raw.charAt(i));
            origin[kept++] = i;
        }
        origin[kept] = raw.length();
        Matcher hex = UNPREFIXED_HEX.matcher(tmp.toString()); // a String: the matcher reads it much faster
        if (hex.find()) {
            out.add(hexPrefix(base + origin[hex.start()], base + origin[hex.end() - 1] + 1));
        }
    }

    private static Diagnostic hexPrefix(int start, int end) {
        return Diagnostic.of(CHECKPATCH_HEX_PREFIX, new Span(start, end), "Hex numbers must be prefixed with '0x'",
                Fix.replace("Prefix with '0x'", new Span(start, start), "0x"));
    }
}
