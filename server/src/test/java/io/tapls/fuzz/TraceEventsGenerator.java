package io.tapls.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random trace-events files from the format tracetool reads (../shared/spec/tracetool.md §A): comments and blank
 * lines, properties, names, argument lists (every allowed type, pointers, const, spacing, arrays, reserved words,
 * bad types, empty and unnamed arguments, more than ten), formats (conversions with flags, widths, precisions and
 * length modifiers, PRI macros glued or spaced, escapes, %m, new lines, text after the format, unterminated
 * strings), line terminators and a missing final new line. Mostly valid, a fraction wrong in one place. One file
 * is a pure function of its seed.
 */
final class TraceEventsGenerator {
    private final SplittableRandom r;

    private TraceEventsGenerator(long seed) {
        this.r = new SplittableRandom(seed);
    }

    static String file(long seed) {
        return new TraceEventsGenerator(seed).generate();
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    private String pick(String... xs) {
        return xs[r.nextInt(xs.length)];
    }

    private String pick(List<String> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    private String generate() {
        int lines = 1 + r.nextInt(12);
        String eol = chance(85) ? "\n" : pick("\r\n", "\r");
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            int k = r.nextInt(100);
            if (k < 10) {
                out.append(pick("# comment", "#", "  # indented", "\t#x", "# %m \\n \"", "#include <x.h>"));
            } else if (k < 15) {
                out.append(pick("", " ", "\t", "  \t "));
            } else if (k < 17) {
                out.append(pick("\"more\"", "foo", "foo \"x\"", "foo-bar(int x) \"x\"", "(int x)", "\\",
                        "\u00a0foo(void)", "\ufefffoo(void)"));
            } else {
                out.append(event(names));
            }
            // now and then a line with another terminator
            out.append(chance(3) ? pick("\n", "\r\n", "\r") : eol);
        }
        if (chance(8) && out.length() > 0) {
            out.setLength(out.length() - (out.toString().endsWith("\r\n") ? 2 : 1));
        }
        return out.toString();
    }

    private static final List<String> TYPES = List.of("int", "long", "short", "char", "bool", "unsigned",
            "signed", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t",
            "size_t", "ssize_t", "uintptr_t", "ptrdiff_t", "unsigned int", "unsigned long", "long long",
            "unsigned long long", "long unsigned int", "signed char", "unsigned char", "const char", "void");
    private static final List<String> BAD_TYPES = List.of("hwaddr", "struct Foo", "float", "double", "uint128_t",
            "unsigned\tint", "const", "Int", "bool_t", "ram_addr_t", "union U");
    private static final List<String> NAMES = List.of("x", "val", "addr", "size", "limit", "function", "next",
            "self", "global", "in", "counter", "xlate", "string", "probe", "long", "if", "_", "a1", "buf[6]", "ID",
            "const p", "é", "arg");

    private String event(List<String> names) {
        StringBuilder b = new StringBuilder();
        if (chance(20)) {
            b.append(pick("disable ", "disable\t", "  disable  ", "vcpu ", "tcg ", "disable vcpu ", " ", "\t\t",
                    "disable disable ", "foo ", "  ", "disable  tcg vcpu "));
        }
        String name;
        if (!names.isEmpty() && chance(5)) {
            name = pick(names); // a duplicate
        } else if (chance(90)) {
            name = pick("vfio", "qio_task", "e1000", "virtio_blk", "x", "hw_nvme", "trace", "Foo", "probe",
                    "ev") + "_" + pick("new", "read", "write", "complete", "set_ics", "req", "if", "in", "limit", "1")
                    + (chance(30) ? "_" + r.nextInt(100) : "");
        } else {
            name = pick("1foo", "é_event", "foo-bar", "_", "a", "A_B", "x__y", "function", "très");
        }
        names.add(name);
        b.append(name);
        b.append(chance(3) ? " (" : "(");
        List<String[]> args = arguments();
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                a.append(pick(", ", ",", " , ", ",\t"));
            }
            a.append(args.get(i)[0]);
        }
        b.append(a).append(')');
        if (chance(88)) {
            b.append(pick(" ", " ", "", "  ", "\t"));
            b.append(format(args));
        } else if (chance(20)) {
            b.append(pick(" junk \"x\"", " x", " ("));
        }
        if (chance(5)) {
            b.append(pick(" ", "\t", "  # comment", " \\", " x", " PRIx64", "\"\""));
        }
        return b.toString();
    }

    /** The argument list's pieces: [text, C type for the format, name]. */
    private List<String[]> arguments() {
        List<String[]> out = new ArrayList<>();
        int k = r.nextInt(100);
        if (k < 8) {
            out.add(new String[] {"void", "", ""});
            if (chance(20)) {
                out.add(argument());
            }
            return out;
        }
        if (k < 10) {
            out.add(new String[] {pick("", " ", "int x, ", ", int x", "void (*cb"), "", ""});
            return out;
        }
        int n = k < 97 ? r.nextInt(6) + 1 : 10 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(argument());
        }
        return out;
    }

    private String[] argument() {
        String type = chance(4) ? pick(BAD_TYPES) : pick(TYPES);
        if (chance(10)) {
            type = "const " + type;
        }
        boolean pointer = chance(30) || type.equals("void") || type.endsWith("char") && chance(60);
        String name = pick(NAMES);
        if (chance(2)) {
            return new String[] {pick(type, "int", "char*"), type, ""};
        }
        String text;
        if (pointer) {
            String stars = chance(85) ? "*" : "**";
            text = type + pick(" " + stars, stars + " ", " " + stars + " ", stars) + (chance(3) ? "" : name);
            type = type + " *";
        } else {
            text = type + pick(" ", "  ", "\t") + name;
        }
        return new String[] {text, type, name};
    }

    private static final List<String> PRI = List.of("PRIx64", "PRIu64", "PRId64", "PRIx32", "PRIu32", "PRId32",
            "PRIx16", "PRIu16", "PRIx8", "PRIu8", "PRId8", "PRIi64", "PRIX32", "PRIxPTR", "PRIi32", "PRIX16");

    /** A format literal for the arguments (mostly one conversion each, of a fitting kind), sometimes wrong. */
    private String format(List<String[]> args) {
        StringBuilder f = new StringBuilder("\"");
        boolean inString = true;
        if (chance(30)) {
            f.append(pick("", "x=", "addr 0x", "%s: ", "[%d] ", "cpu %u "));
        }
        for (String[] a : args) {
            if (a[2].isEmpty() && a[1].isEmpty()) {
                continue;
            }
            if (!inString) {
                f.append(pick("\"", " \""));
                inString = true;
            }
            f.append(pick(" ", "", " ", "=", " name=", ":", ", "));
            f.append('%');
            if (chance(15)) {
                f.append(pick("0", "-", "#", "+", " ", "'"));
            }
            if (chance(25)) {
                f.append(pick("2", "08", "016", "*", "4"));
            }
            if (chance(8)) {
                f.append('.').append(pick("8", "", "*", "2"));
            }
            String t = a[1];
            if (chance(30) && !t.contains("*") && !t.contains("char")) {
                // a PRI macro ends the literal
                f.append('"').append(pick(" ", "", "  ")).append(pick(PRI));
                inString = false;
                continue;
            }
            if (t.contains("*")) {
                f.append(t.contains("char") && chance(70) ? "s" : "p");
            } else if (t.contains("64") || t.contains("long long")) {
                f.append(pick("llx", "lld", "llu", "lx", "x", "ld"));
            } else if (t.contains("long")) {
                f.append(pick("lx", "lu", "ld", "x"));
            } else if (t.contains("size_t")) {
                f.append(pick("zu", "zd", "zx", "lu"));
            } else if (t.contains("bool") || t.contains("char")) {
                f.append(pick("d", "c", "u", "x"));
            } else {
                f.append(pick("d", "u", "x", "X", "i", "o", "hhx", "hx", "c", "jd", "tx", "s", "m", "n", "f",
                        "q", "Lf", "%"));
            }
        }
        if (chance(10)) {
            if (!inString) {
                f.append('"');
                inString = true;
            }
            f.append(pick("\\n", "%m", "%%", "\\t", "\\\"", "\\\\", "%", "100%", "\\x41", "é", "%%m"));
        }
        if (inString && chance(97)) {
            f.append('"');
        }
        if (chance(5)) {
            f.append(pick(" \"more\"", " PRIx64", "\"tail\"", " FOO", " \"a\" PRIu32 \"b\""));
        }
        return f.toString();
    }
}
