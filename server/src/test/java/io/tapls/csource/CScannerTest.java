package io.tapls.csource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the C scanner finds: the identifiers a compiler would see after line splicing, never those in
 * comments, strings, character literals, header names, stringized or pasted macro operands.
 */
class CScannerTest {
    private static final List<String> PREFIXES = List.of("trace_", "TRACE_", "_TRACE_", "QEMU_");

    /** name@line:column, and "(" for a call. */
    private static List<String> found(String c) {
        List<String> out = new ArrayList<>();
        for (CScanner.Ident id : CScanner.scan(c, PREFIXES)) {
            out.add(id.name() + "@" + id.line() + ":" + id.column() + (id.call() ? "(" : ""));
            assertEquals(id.name(), c.substring(id.start(), id.end()).replaceAll("\\\\[ \\t]*\\r?\\n", ""));
        }
        return out;
    }

    @Test
    void callsAndOtherUses() {
        assertEquals(List.of("trace_a@1:4(", "TRACE_A_ENABLED@2:8", "TRACE_A@3:39", "QEMU_A@4:4(",
                        "trace_a_enabled@5:8("),
                found("void f(void) {\n"
                        + "    trace_a(1, 2);\n"
                        + "    if (TRACE_A_ENABLED) {}\n"
                        + "    if (trace_event_get_state_backends(TRACE_A)) {}\n"
                        + "    QEMU_A(1);\n"
                        + "    if (trace_a_enabled()) {}\n"
                        + "}\n").stream().filter(s -> !s.startsWith("trace_event_get")).toList());
    }

    @Test
    void aBareNameIsAUseButNotACall() {
        assertEquals(List.of("trace_cb@0:26"), found("static void (*cb)(int) = &trace_cb;\n"));
    }

    @Test
    void commentsAndLiteralsHideNames() {
        assertEquals(List.of("trace_real@7:0("), found(
                "// trace_line_comment(x)\n"
                        + "/* trace_block(\n   trace_block_2() */\n"
                        + "const char *s = \"trace_in_string(\\\"x\\\")\";\n"
                        + "char c = '\"'; int d = 'trace_x';\n"
                        + "const char *r = R\"delim(trace_raw() )\" still)delim\";\n"
                        + "const wchar_t *w = L\"trace_wide()\"; int n = 1'000'000;\n"
                        + "trace_real();\n"));
    }

    @Test
    void aLineCommentContinuedByABackslashGoesOn() {
        assertEquals(List.of("trace_after@2:0("), found("// a comment \\\ntrace_hidden();\ntrace_after();\n"));
    }

    @Test
    void multiLineCallsAndSplicedMacros() {
        assertEquals(List.of("trace_multi@0:0(", "trace_in_macro@3:6(", "trace_split@5:4(", "trace_spliced@7:4("),
                found("trace_multi /* why not */\n"
                        + "(x);\n"
                        + "#define LOG(x) do { \\\n"
                        + "    { trace_in_macro \\\n"
                        + "        (x); } } while (0)\n"
                        + "    trace_split(a,\n"
                        + "                b);\n"
                        + "    trace_spli\\\nced(c);\n"));
    }

    @Test
    void stringizedAndPastedOperandsAreNotNames() {
        assertEquals(List.of("trace_body@0:23("), found("#define T(x) do { x(); trace_body(#trace_str); "
                + "trace_ ## x(); trace_pre ## fix(); } while (0)\n"));
    }

    @Test
    void aHeaderNameIsNotCode() {
        assertEquals(List.of("trace_code@2:0("), found("#include <trace_header.h>\n#include \"trace_quoted.h\"\n"
                + "trace_code();\n"));
    }

    @Test
    void aDirectiveEndsAtItsLine() {
        // In a #define, the call's '(' must be on the directive's (logical) line.
        assertEquals(List.of("trace_alias@0:14", "trace_alias@2:0("),
                found("#define ALIAS trace_alias\n\ntrace_alias\n(1);\n"));
    }

    @Test
    void prefixesAloneAndOtherWordsAreNotKept() {
        assertEquals(List.of(), found("int trace_ = 1, tracer_x = 2, my_trace_x = 3, TRACE = 4, QEMU = 5;\n"));
    }

    @Test
    void columnsCountUtf16AndLinesEndInCrLf() {
        assertEquals(List.of("trace_b@1:14("), found("/* é */\r\nint x = \"😀\"; trace_b();\r\n"));
    }

    /** Cut anywhere, mangled at random: never an exception, and every name found is the text at its span. */
    @Test
    void randomCutsNeverFail() {
        String c = "#define X(a) trace_x(#a, a ## b) \\\n  /* c */ \"s\\\"\" 'q'\n"
                + "R\"d(trace_y)d\" trace_z(\n1'0, 0x1e+5, .5e-3);\n// \\\n trace_w();\n";
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder(c.substring(0, random.nextInt(c.length() + 1)));
            for (int k = 0; k < 3 && b.length() > 0; k++) {
                b.setCharAt(random.nextInt(b.length()), "\\\n\"'/*#(R_t".charAt(random.nextInt(11)));
            }
            found(b.toString());
        }
    }

    /** name@line:column[(] via WRAPPER, for libvirt's PROBE()/PROBE_QUIET() (src/util/virprobe.h). */
    private static List<String> wrapped(String c) {
        List<String> out = new ArrayList<>();
        for (CScanner.Ident id : CScanner.scan(c, List.of("LIBVIRT_", "QEMU_"),
                java.util.Map.of("PROBE", "LIBVIRT_", "PROBE_QUIET", "LIBVIRT_"))) {
            out.add(id.name() + "@" + id.line() + ":" + id.column() + (id.call() ? "(" : "")
                    + (id.wrapper() == null ? "" : " via " + id.wrapper()));
        }
        return out;
    }

    @Test
    void aWrapperMacrosFirstArgumentIsTheNameItPastes() {
        assertEquals(List.of("LIBVIRT_RPC_A@1:10( via PROBE", "LIBVIRT_QEMU_B@3:18( via PROBE_QUIET",
                        "LIBVIRT_C_ENABLED@4:4(", "LIBVIRT_C@4:27("),
                wrapped("void f(void) {\n"
                        + "    PROBE(RPC_A, \"x=%d\", x);\n"
                        + "    PROBE_QUIET(\n"
                        + "        /* why */ QEMU_B, \"\", 0);\n" // the argument is not QEMU's dtrace macro
                        + "    LIBVIRT_C_ENABLED() && LIBVIRT_C(1);\n"
                        + "    // PROBE(IN_COMMENT, \"\", 0);\n"
                        + "    s = \"PROBE(IN_STRING, ...)\"; PROBE; PROBE_OTHER(D, 1);\n"
                        + "}\n"));
    }

    @Test
    void aWrappersOwnDefinitionIsNotACallOfIt() {
        assertEquals(List.of(), wrapped("#define PROBE(NAME, FMT, ...) \\\n"
                + "    if (LIBVIRT_ ## NAME ## _ENABLED()) { PROBE_EXPAND(LIBVIRT_ ## NAME, __VA_ARGS__); }\n"
                + "#  define PROBE_QUIET(NAME, FMT, ...)\n"));
        // a macro whose body uses the wrapper does call it
        assertEquals(List.of("LIBVIRT_X@0:22( via PROBE"), wrapped("#define FIRE(v) PROBE(X, \"%d\", v)\n"));
    }
}
