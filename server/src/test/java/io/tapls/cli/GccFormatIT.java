package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source line and caret under a diagnostic of `tapls check`'s gcc format, as a terminal shows them: the
 * caret under the range whatever comes before it (tabs, wide characters), nothing raw that a terminal would
 * act on, a bounded excerpt of a long line; and colour only where it belongs.
 */
class GccFormatIT {
    /** The widest excerpt of a source line, in columns (README: `tapls check`, --format gcc). */
    private static final int MAX = 160;

    @TempDir
    Path dir;

    private Cli.Result check(String name, String content, String... options) throws IOException {
        Files.writeString(dir.resolve(name), content);
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(options));
        args.add(name);
        return Cli.runIn(dir, args.toArray(String[]::new));
    }

    @Test
    void theCaretCountsWideCharactersTwiceAndCombiningMarksNever() throws IOException {
        // 😀 and 中 take two columns on a terminal; é written as e + U+0301 takes one.
        Cli.Result r = check("trace-events", "foo(int x) \"\ud83d\ude00 \u4e2d e\u0301 x=%x\"\n");
        assertEquals(String.join("\n",
                "trace-events:1:22: warning: Hex numbers must be prefixed with '0x' [checkpatch-hex-prefix]",
                "   1 | foo(int x) \"\ud83d\ude00 \u4e2d e\u0301 x=%x\"",
                "     | " + " ".repeat(12 + 2 + 1 + 2 + 1 + 1 + 1 + 2) + "^~",
                ""), r.stdout());
    }

    @Test
    void tabsAreExpandedToTheNextMultipleOfEightAsGccDoes() throws IOException {
        Cli.Result r = check("trace-events", "foo(int x)\t\"\tx=%x\"\n");
        assertEquals(String.join("\n",
                "trace-events:1:16: warning: Hex numbers must be prefixed with '0x' [checkpatch-hex-prefix]",
                "   1 | foo(int x)      \"       x=%x\"",
                "     | " + " ".repeat(26) + "^~",
                ""), r.stdout());
    }

    @Test
    void controlAndBidirectionalCharactersAreShownNotSent() throws IOException {
        // An escape sequence would recolour the terminal; U+202E would show the line reversed.
        Cli.Result r = check("trace-events", "foo(int x) \"\u001b[31m\u202e x=%x\"\n");
        assertEquals(String.join("\n",
                "trace-events:1:22: warning: Hex numbers must be prefixed with '0x' [checkpatch-hex-prefix]",
                "   1 | foo(int x) \"\u241b[31m<U+202E> x=%x\"",
                "     | " + " ".repeat(12 + 1 + 4 + 8 + 1 + 2) + "^~",
                ""), r.stdout());
    }

    /**
     * A file of NUL bytes: the message quotes the byte escaped, not raw; each 100,000-character line is shown as
     * an excerpt (with the NULs as ␀), not in full, and the caret line is as short; in every format.
     */
    @Test
    void aFileOfNulBytesGivesBoundedOutputWithoutARawNul() throws IOException {
        String nuls = "\0".repeat(100_000);
        Files.writeString(dir.resolve("trace-events"), nuls + "\n" + nuls + "\n" + nuls);
        Cli.Result r = Cli.runIn(dir, "check", "trace-events");
        assertEquals(1, r.exitCode());
        assertFalse((r.stdout() + r.stderr()).contains("\0"), "a raw NUL in the output");
        List<String> lines = r.stdout().lines().toList();
        assertEquals(12, lines.size(), r.stdout()); // 4 diagnostics: 3 lines, 1 missing final newline
        assertEquals("trace-events:1:1: error: unexpected '\\x00': expected [disable] name(type arg, ...) \"format\""
                + " (tracetool fails with AssertionError) [event-syntax]", lines.get(0));
        assertEquals("   1 | " + "\u2400".repeat(MAX) + "...", lines.get(1));
        assertEquals("     | ^", lines.get(2));
        assertEquals("trace-events:3:100001: error: trace-events does not end with a new line [missing-final-newline]",
                lines.get(9));
        assertEquals("   3 | ..." + "\u2400".repeat(MAX), lines.get(10));
        assertEquals("     |    " + " ".repeat(MAX) + "^", lines.get(11));
        assertTrue(r.stdout().length() < 4 * 1000, r.stdout().length() + " characters of output");
        for (String format : new String[] {"json", "sarif", "github"}) {
            Cli.Result f = Cli.runIn(dir, "check", "--format", format, "trace-events");
            assertFalse((f.stdout() + f.stderr()).contains("\0"), format + ": a raw NUL in the output");
            assertTrue(f.stdout().contains("unexpected '\\\\x00'") || f.stdout().contains("unexpected '\\x00'"),
                    format + ": " + f.stdout());
            assertFalse(f.stdout().contains("\\u0000"), format + ": an escaped NUL in the output");
        }
    }

    @Test
    void aLongLineIsShownAsAnExcerptAroundTheRange() throws IOException {
        String y = "y".repeat(200);
        String z = "z".repeat(200);
        // The range a third of the way into a window of the widest excerpt shown, cut on both sides.
        Cli.Result middle = check("trace-events", "foo(int x) \"" + y + "%x" + z + "\"\n");
        int left = 212 - MAX / 3;
        assertEquals(String.join("\n",
                "trace-events:1:213: warning: Hex numbers must be prefixed with '0x' [checkpatch-hex-prefix]",
                "   1 | ..." + "y".repeat(212 - left) + "%x" + "z".repeat(MAX - (212 - left) - 2) + "...",
                "     |    " + " ".repeat(212 - left) + "^~",
                ""), middle.stdout());
        // Near the end of the line: the window ends with it, and only the start is cut.
        Cli.Result end = check("trace-events", "foo(int x) \"" + y + "%x\"\n");
        int start = 215 - MAX;
        assertEquals(String.join("\n",
                "trace-events:1:213: warning: Hex numbers must be prefixed with '0x' [checkpatch-hex-prefix]",
                "   1 | ..." + "y".repeat(212 - start) + "%x\"",
                "     |    " + " ".repeat(212 - start) + "^~",
                ""), end.stdout());
        // A line as wide as the limit is shown whole.
        String fits = "foo(int x) \"" + "y".repeat(MAX - 15) + "%x\"";
        assertEquals(MAX, fits.length());
        assertTrue(check("trace-events", fits + "\n").stdout().contains("   1 | " + fits + "\n"));
    }

    /**
     * Colour on a terminal only, never when NO_COLOR is set (no-color.org), and --color always/never over both.
     * The terminal is a pseudo-terminal that util-linux's script(1) gives the process.
     */
    @Test
    void colourOnATerminalUnlessNoColorIsSet() throws IOException {
        Files.writeString(dir.resolve("trace-events"), "foo(int x) \"x=%x\"\n");
        String escape = "\u001b[";
        assertTrue(onTerminal(Map.of(), "check", "trace-events").contains(escape), "colour on a terminal");
        assertFalse(onTerminal(Map.of("NO_COLOR", "1"), "check", "trace-events").contains(escape), "NO_COLOR");
        assertTrue(onTerminal(Map.of("NO_COLOR", ""), "check", "trace-events").contains(escape),
                "an empty NO_COLOR is no request");
        assertTrue(onTerminal(Map.of("NO_COLOR", "1"), "check", "--color", "always", "trace-events").contains(escape),
                "an explicit --color always wins over NO_COLOR");
        assertFalse(onTerminal(Map.of(), "check", "--color", "never", "trace-events").contains(escape));
        assertFalse(Cli.runIn(dir, "check", "trace-events").stdout().contains(escape), "not on a terminal");
        // Help follows NO_COLOR too (picocli's own colours).
        assertFalse(onTerminal(Map.of("NO_COLOR", "1"), "help", "check").contains(escape), "help under NO_COLOR");
    }

    /** What the command prints on a terminal (script -q -e -c CMD /dev/null), stdout and stderr together. */
    private String onTerminal(Map<String, String> env, String... args) {
        StringBuilder command = new StringBuilder();
        command.append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
                .append(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar ").append(quote(Cli.jar().toString()));
        for (String a : args) {
            command.append(' ').append(quote(a));
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", command.toString(), "/dev/null")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("CI");
        pb.environment().putAll(env);
        Cli.Result r = Cli.run(pb, 120);
        return r.stdout();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

}
