package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.text.Span;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * $1/@1/$#/@# substituted as stap's lexer does it (parse.cxx lexer::scan). Every expected output below is
 * what stap 4.8 printed for the same script and arguments ({@code stap-oracle --raw -g -p1 -- t.stp ARG...}):
 * the parse tree for the scripts it accepts, the first error (message, and the token it is reported at) for
 * the others. ScriptArgumentsOracleIT checks these and more against the live stap.
 */
class ScriptArgumentsTest {
    private static final String HEAD = "# parse tree dump\n# file t.stp\n";

    private static String dump(String script, String... args) {
        return StapDump.dump("t.stp", script, Map.of(), PpConfig.defaults(), List.of(args));
    }

    private static StapFile read(String script, String... args) {
        return StapReader.read("t.stp", script, Map.of(), PpConfig.defaults(), List.of(args));
    }

    /** The first error as stap prints it: message, and "at:"/"saw:" with the token. */
    private static String firstError(String script, String... args) {
        SyntaxError e = read(script, args).errors().get(0);
        return e.stapFirstLine() + " / " + e.tokenText();
    }

    private static Span firstErrorSpan(String script, String... args) {
        return read(script, args).errors().get(0).span();
    }

    @Test
    void rawArgumentIsLexedAndStringArgumentIsALiteral() {
        assertEquals(HEAD + "probe begin{\n(x) = (5);\n(y) = (\"5\");\n}\n\n",
                dump("probe begin { x = $1; y = @1 }\n", "5"));
        // spaces and operators: $1 becomes several tokens, @1 stays one string
        assertEquals(HEAD + "probe begin{\n(x) = ((1) + (2));\n(y) = (\"1 + 2\");\n}\n\n",
                dump("probe begin { x = $1; y = @1 }\n", "1 + 2"));
        assertEquals(HEAD + "probe begin{\n(x) = (16);\n(y) = (\"0x10\");\n}\n\n",
                dump("probe begin { x = $1; y = @1 }\n", "0x10"));
        assertEquals(HEAD + "probe begin{\n(x) = (1);\n;;\n(y) = (\"1;\");\n}\n\n",
                dump("probe begin { x = $1; y = @1 }\n", "1;"));
        assertEquals(HEAD + "probe begin{\n(x) = (-(5));\n}\n\n", dump("probe begin { x = -$1 }\n", "5"));
    }

    @Test
    void stringArgumentIsQuotedAsLexCastQstringDoes() {
        // '"' and '\' escaped; a newline and non-ASCII bytes as three-digit octal escapes
        assertEquals(HEAD + "probe begin{\n(x) = (\"q\");\n(y) = (\"\\\"q\\\"\");\n}\n\n",
                dump("probe begin { x = $1; y = @1 }\n", "\"q\""));
        assertEquals(HEAD + "probe begin{\n(y) = (\"a\\\\b\");\n}\n\n", dump("probe begin { y = @1 }\n", "a\\b"));
        assertEquals(HEAD + "probe begin{\n(x) = (a);\nb;\n(y) = (\"a\\012b\");\n}\n\n",
                dump("probe begin { x = $1; y = @1 }\n", "a\nb"));
        assertEquals(HEAD + "probe begin{\n(y) = (\"\\303\\251\");\n}\n\n", dump("probe begin { y = @1 }\n", "é"));
        // adjacent literals are joined, whether pasted or not
        assertEquals(HEAD + "probe begin{\n(x) = (\"$1 @1\");\n(y) = (\"5tail\");\n(z) = (\"56\");\n}\n\n",
                dump("probe begin { x = \"$1 @1\"; y = @1 \"tail\"; z = @1 @2 }\n", "5", "6"));
    }

    @Test
    void pastedTextRunsOnIntoWhatFollows() {
        // the argument is pasted "into the beginning of a token": $1x with 5 is the number 5x
        assertEquals("parse error: number invalid or out of range / saw: number '5x'",
                firstError("probe begin { x = $1x }\n", "5"));
        assertEquals(HEAD + "probe begin{\n(x) = (ax);\n}\n\n", dump("probe begin { x = $1x }\n", "a"));
        // ... and the $1 after pasted 'a' is then part of the identifier
        assertEquals(HEAD + "probe begin{\n(x) = (a$1);\n}\n\n", dump("probe begin { x = $1$1 }\n", "a"));
        // a comment begun in the argument runs to the end of the file's line, past pasted newlines
        assertEquals("parse error: expected statement / saw: t.stp EOF",
                firstError("probe begin { x = $1; y = @1 }\n", "x # c"));
        assertEquals("parse error: expected statement / saw: keyword",
                firstError("probe begin { x = $1; y = 2 }\nprobe end { z = 3 }\n", "x # c\nd"));
        assertEquals("parse error: expected literal string or number / saw: operator '}'",
                firstError("probe begin { x = $1 1 */ }\n", "/* c"));
        assertEquals("parse error: Could not find matching closing quote / at: junk ''",
                firstError("probe begin { x = $1; y = @1 }\n", "a\"b"));
    }

    @Test
    void noSubstitutionInStringsCommentsOrIdentifiers() {
        assertEquals(HEAD + "probe begin{\n(x) = (1);\n}\n\n",
                dump("# $5 @5\n// $5\n/* $5 */ probe begin { x = 1 }\n", "1"));
        assertEquals(HEAD + "probe begin{\n(a$1) = (1);\n}\n\n", dump("probe begin { a$1 = 1 }\n", "5"));
        assertEquals(HEAD + "probe begin{\n(x) = ($$1);\n}\n\n", dump("probe begin { x = $$1 }\n", "5"));
    }

    @Test
    void countsArePastedRawAndQuoted() {
        assertEquals(HEAD + "probe begin{\n(x) = (2);\n(y) = (\"2\");\n}\n\n",
                dump("probe begin { x = $#; y = @# }\n", "5", "6"));
        assertEquals(HEAD + "probe begin{\n(x) = (0);\n(y) = (\"0\");\n}\n\n", dump("probe begin { x = $#; y = @# }\n"));
        assertEquals(HEAD + "global n = 1\nglobal s = \"x\"\n\n", dump("global n = $#\nglobal s = @1\n", "x"));
    }

    @Test
    void missingArgumentIsJunkAtItsToken() {
        assertEquals("parse error: command line argument out of range [1-1] / at: junk ''",
                firstError("probe begin { x = $2 }\n", "5"));
        assertEquals(new Span(18, 20), firstErrorSpan("probe begin { x = $2 }\n", "5"));
        assertEquals("parse error: command line argument out of range [1-1] / at: junk ''",
                firstError("probe begin { x = $0 }\n", "5"));
        assertEquals("parse error: command line argument out of range [1-1] / at: junk ''",
                firstError("probe begin { x = @2 }\n", "5"));
        assertEquals("parse error: command line argument out of range [1-2] / at: junk ''",
                firstError("probe begin { x = $12 }\n", "5", "6"));
        assertEquals(new Span(18, 21), firstErrorSpan("probe begin { x = $12 }\n", "5", "6"));
        // with one argument stap's lexer reads the 0 of $10 too (its overflow guard stops at index > 1)
        assertEquals(new Span(18, 21), firstErrorSpan("probe begin { x = $10 }\n", "5"));
        // known to be none: stap's "[1-0]"
        assertEquals("parse error: command line argument out of range [1-0] / at: junk ''",
                firstError("%( @1 == \"foo\" %? probe begin { x = 1 } %: probe end { x = 2 } %)\n"));
        assertEquals(new Span(3, 5),
                firstErrorSpan("%( @1 == \"foo\" %? probe begin { x = 1 } %: probe end { x = 2 } %)\n"));
    }

    @Test
    void argumentInsidePastedTextIsNotSubstituted() {
        assertEquals("parse error: invalid nested substitution of command line arguments / at: junk ''",
                firstError("probe begin { x = $1 }\n", "$2", "z"));
        assertEquals("parse error: invalid nested substitution of command line arguments / at: junk ''",
                firstError("probe begin { x = $1 }\n", "$#"));
        assertEquals(new Span(18, 20), firstErrorSpan("probe begin { x = $1 }\n", "@1"));
    }

    @Test
    void preprocessorConditionsSeeTheSubstitutedTokens() {
        String byCount = "%( $# > 1 %? probe begin { x = 1 } %: probe begin { x = $3 } %)\n";
        assertEquals(HEAD + "probe begin{\n(x) = (1);\n}\n\n", dump(byCount, "5", "6"));
        assertEquals("parse error: command line argument out of range [1-1] / at: junk ''", firstError(byCount, "5"));
        assertEquals(new Span(56, 58), firstErrorSpan(byCount, "5"));
        String byString = "%( @1 == \"foo\" %? probe begin { x = 1 } %: probe end { x = 2 } %)\n";
        assertEquals(HEAD + "probe begin{\n(x) = (1);\n}\n\n", dump(byString, "foo"));
        assertEquals(HEAD + "probe end{\n(x) = (2);\n}\n\n", dump(byString, "5"));
        assertEquals(HEAD + "probe end{\n(x) = (2);\n}\n\n",
                dump("%( $1 >= 10 %? probe begin { x = 1 } %: probe end { x = 2 } %)\n", "9"));
        // the whole condition can come from one argument
        assertEquals(HEAD + "probe begin{\n(x) = (1);\n}\n\n",
                dump("%( $1 %? probe begin { x = 1 } %: probe end { x = 2 } %)\n", "kernel_v >= \"2.6\""));
        // a condition's three tokens are read first: junk is reported with its own message only where the
        // evaluation fails at it
        assertEquals("parse error: command line argument out of range [1-1] / at: junk ''",
                firstError("%( $5 == 1 %? probe begin { x = 1 } %)\n", "7"));
        assertEquals("parse error: expected 'arch', 'kernel_v', 'kernel_vr', 'systemtap_v', / at: number '1'",
                firstError("%( 1 == $5 %? probe begin { x = 1 } %)\n", "7"));
        assertEquals("parse error: expected '%?' marker for conditional / at: operator '%('",
                firstError("%( 1 == 1 $5 %? probe begin { x = 1 } %)\n", "7"));
        assertEquals("parse error: expected comparison operator / at: operator '+'",
                firstError("%( $1 %? probe begin { x = 1 } %)\n", "1 + 2"));
        assertEquals("parse error: expected number literal as right value / at: string '1'",
                firstError("%( $1 < @1 %? probe begin { x = 1 } %)\n", "1"));
        // stap reads condition numbers with lex_cast<int64_t>: "0x10" stops it ("bad lexical cast")
        assertEquals("parse error: bad lexical cast / at: number '0x10'",
                firstError("%( $1 > 5 %? probe begin { x = 1 } %)\n", "0x10"));
        // the token after a term goes through the macro pass
        assertEquals(HEAD + "probe end{\n(x) = (2);\n}\n\n", dump("@define m %( && $1 == 3 %)\n"
                + "%( 1 == 1 @m %? probe begin { x = 1 } %: probe end { x = 2 } %)\n", "2"));
        // a missing argument in the branch not taken is no error (stap skips junk there)
        StapFile skipped = read("%( arch == \"nosuch\" %? probe begin { x = $9 } %: probe begin { x = 1 } %)\n", "1");
        assertEquals(List.of(), skipped.errors());
        assertEquals("command line argument out of range [1-1]", skipped.inactiveErrors().get(0).message());
    }

    @Test
    void probePointsMacrosAndDeclarationsFromArguments() {
        assertEquals(HEAD + "probe begin,end{\n}\n\n", dump("probe $1 { }\n", "begin, end"));
        assertEquals(HEAD + "probe process(\"/bin/ls\").function(\"main\"){\n}\n\n",
                dump("probe process(@1).function(\"main\") { }\n", "/bin/ls"));
        // pasted pieces glue with the file's '*' as stap's ate_whitespace sees them
        assertEquals(HEAD + "probe syscall.op*{\n}\n\n", dump("probe syscall.$1* { }\n", "op"));
        assertEquals(HEAD + "probe timer.ms(100){\n}\n\n", dump("probe timer.ms($1) { }\n", "100"));
        assertEquals(HEAD + "probe begin{\n(x) = (5);\n}\n\n", dump("@define m %( $1 %)\nprobe begin { x = @m }\n", "5"));
        assertEquals(HEAD + "probe begin{\n(x) = (7);\n}\n\n", dump("@define m %( 7 %)\nprobe begin { x = $1 }\n", "@m"));
        StapFile decls = read("$1\n", "global a, b probe begin { a = 1 } probe end { b = 2 }");
        assertEquals(List.of("a", "b"), decls.globals().stream().map(Global::name).toList());
        assertEquals(2, decls.probes().size());
    }

    @Test
    void positionsAreTheFilesAndPastedTokensAreAtTheirDollarToken() {
        // a token after a longer argument is still at its place in the file
        String s = "probe begin { x = $1; y = = 1 }\n";
        assertEquals(new Span(26, 27), firstErrorSpan(s, "12345"));
        // a token from the argument is reported at $1 (stap's location for pasted text)
        assertEquals(new Span(18, 20), firstErrorSpan("probe begin { x = $1 }\n", "a\\b"));
        StapFile f = read("probe begin { x = $1 }\n", "1 + 2");
        Token site = f.probes().get(0).tok(); // the file's own tokens are untouched
        assertNull(site.site);
        // an empty argument pastes nothing: stap's error is at the ';' (stap prints it at $1's column, a quirk of
        // its cursor bookkeeping; tapls points at the ';' itself)
        assertEquals("parse error: expected literal string or number / saw: operator ';'",
                firstError("probe begin { x = $1; y = @1 }\n", ""));
        assertEquals(new Span(20, 21), firstErrorSpan("probe begin { x = $1; y = @1 }\n", ""));
    }

    @Test
    void whichArgumentsAreUsed() {
        StapFile f = read("%( $# > 5 %? probe begin { x = $2 } %: probe begin { x = @3 + $3 } %)\n", "1", "2", "3", "4");
        assertTrue(f.takesArguments());
        // a use in the branch not taken counts, as in stap (its lexer marks them)
        assertEquals(Set.of(2, 3), f.usedArguments());
        assertEquals(List.of("1", "2", "3", "4"), f.arguments());
        StapFile counts = read("probe begin { x = $# }\n", "1");
        assertFalse(counts.takesArguments());
    }

    @Test
    void withoutArgumentsTheyStayTokensOfTheirOwn() {
        StapFile f = StapReader.read("t.stp", "probe begin { x = $1 + $# }\n", Map.of(), PpConfig.defaults());
        assertTrue(f.takesArguments());
        assertNull(f.arguments());
        assertEquals(List.of(), f.errors());
        // the scanner keeps the grammar's ARG tokens when the values are not known
        List<Token> toks = StapLexing.lex(new SourceUnit("t.stp", "$1x @2 $#")).tokens();
        assertEquals(List.of(Token.Kind.IDENT, Token.Kind.ARG_STRING, Token.Kind.ARG_RAW),
                toks.stream().map(t -> t.kind).toList());
    }
}
