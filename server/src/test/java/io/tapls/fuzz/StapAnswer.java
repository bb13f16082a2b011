package io.tapls.fuzz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A verdict on one .stp file as stap -p1 prints it: PASS, or FAIL with stap's first error line ("parse error:
 * expected ...", "Input file 'x.stp' is empty.") and where the error is, from the "saw:"/"at:" line stap prints
 * under it, or for an error inside a macro's expansion from the outermost "in expansion of macro" line, which is
 * where tapls shows such errors (line and column 1-based, the column in bytes; 0 when stap names no position, as
 * for an error at the end of the file).
 */
record StapAnswer(boolean pass, String error, int line, int column) {
    static final StapAnswer PASS = new StapAnswer(true, "", 0, 0);

    /** The lines stap-oracle takes as stap's first error (its own pattern). */
    private static final Pattern FIRST_ERROR = Pattern.compile(
            "^(parse error|semantic error|ERROR|Input file|usage error|WARNING: (macro )?tapset).*");
    /** "        saw: operator ';' at e1.stp:2:12" or "         at: junk '' at q.stp:1:19" */
    private static final Pattern EXPANSION = Pattern.compile("^\\s*in expansion of macro: .* at (?:.*):(\\d+):(\\d+)$");
    private static final Pattern WHERE = Pattern.compile("^\\s+(?:saw|at): .* at (?:.*):(\\d+):(\\d+)$");

    /** stap's answer from its exit status and standard error. */
    static StapAnswer of(int exitCode, String stderr) {
        if (exitCode == 0) {
            return PASS;
        }
        String[] lines = stderr.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (FIRST_ERROR.matcher(lines[i]).matches()) {
                int line = 0;
                int column = 0;
                // a message of several lines (the preprocessor's "expected 'arch', ...") comes before it
                int k = i + 1;
                for (; k < Math.min(lines.length, i + 6); k++) {
                    Matcher m = WHERE.matcher(lines[k]);
                    if (m.matches()) {
                        line = Integer.parseInt(m.group(1));
                        column = Integer.parseInt(m.group(2));
                        break;
                    }
                    if (lines[k].matches("^\\s+(saw|at): .*")) {
                        break;
                    }
                }
                // "\tin expansion of macro: operator '@M' at f.stp:2:19", innermost first: tapls shows an error
                // in a macro's expansion at the outermost invocation (docs/stap.md), so that is where it is
                for (k++; k < lines.length && !lines[k].isEmpty() && !FIRST_ERROR.matcher(lines[k]).matches(); k++) {
                    Matcher m = EXPANSION.matcher(lines[k]);
                    if (m.matches()) {
                        line = Integer.parseInt(m.group(1));
                        column = Integer.parseInt(m.group(2));
                    }
                }
                return new StapAnswer(false, lines[i], line, column);
            }
        }
        // lex_cast's exception, uncaught: stap stops with its text alone (a condition's "CONFIG_HZ == 0x10")
        for (String l : lines) {
            if (l.equals("bad lexical cast")) {
                return new StapAnswer(false, l, 0, 0);
            }
        }
        // stap crashed (a signal: 139 is SIGSEGV) or failed without an error line
        return new StapAnswer(false, "(stap exit " + exitCode + ")", 0, 0);
    }

    /** stap died without a verdict (a crash on deep nesting): there is nothing to compare with. */
    boolean crashed() {
        return error.startsWith("(stap exit");
    }

    /** As recorded: "PASS" or "FAIL<TAB>message<TAB>line:column". */
    String record() {
        return pass ? "PASS" : "FAIL\t" + error + "\t" + line + ":" + column;
    }

    static StapAnswer parse(String recorded) {
        String[] f = recorded.split("\t", -1);
        if (f[0].equals("PASS")) {
            return PASS;
        }
        String[] lc = f[2].split(":");
        return new StapAnswer(false, f[1], Integer.parseInt(lc[0]), Integer.parseInt(lc[1]));
    }

    @Override
    public String toString() {
        return pass ? "PASS" : error + (line > 0 ? " at " + line + ":" + column : "");
    }
}
