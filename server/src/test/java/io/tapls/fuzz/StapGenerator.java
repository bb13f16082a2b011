package io.tapls.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random SystemTap programs from the grammar stap 4.8's parser implements (../shared/spec/systemtap.md §1, after
 * parse.cxx): every top-level declaration, statement, expression level, preprocessor and probe-point form, with
 * comments and odd spacing between any two tokens, '$' inside identifiers, and now and then a token deleted,
 * doubled or swapped so that about a third of the programs are invalid. One program is a pure function of its
 * seed, so any input the fuzzer reports can be made again.
 */
final class StapGenerator {
    private final SplittableRandom r;
    private final List<String> tokens = new ArrayList<>();
    /** Macros defined so far in the program, as "NAME/ARITY". */
    private final List<String> macros = new ArrayList<>();
    private int budget;
    private boolean inFunction;

    private StapGenerator(long seed) {
        this.r = new SplittableRandom(seed);
    }

    /** The program of one seed. */
    static String program(long seed) {
        return new StapGenerator(seed).generate();
    }

    private String generate() {
        budget = 40 + r.nextInt(400);
        int decls = 1 + r.nextInt(4);
        for (int i = 0; i < decls; i++) {
            topLevel(0);
        }
        if (r.nextInt(3) == 0) {
            corrupt();
        }
        return Spacing.render(tokens, r);
    }

    // ------------------------------------------------------------------ helpers

    private void t(String... ts) {
        for (String s : ts) {
            tokens.add(s);
            budget--;
        }
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    private <T> T pick(List<T> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    private String pick(String... xs) {
        return xs[r.nextInt(xs.length)];
    }

    /** A construct stap rejects, now and then: most programs should be valid, the corruptions make the others. */
    private boolean bad() {
        return r.nextInt(1000) < 15;
    }

    /** A fresh name for a parameter or a global, so that the program does not declare one twice. */
    private int fresh;

    private String freshName() {
        return pick(IDENTS) + "_" + (fresh++);
    }

    private boolean exhausted() {
        return budget <= 0;
    }

    /** A token deleted, doubled, swapped with the next or replaced by another from the program. */
    private void corrupt() {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && !tokens.isEmpty(); i++) {
            int at = r.nextInt(tokens.size());
            switch (r.nextInt(5)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, tokens.get(at));
                case 2 -> {
                    if (at + 1 < tokens.size()) {
                        String x = tokens.get(at);
                        tokens.set(at, tokens.get(at + 1));
                        tokens.set(at + 1, x);
                    }
                }
                case 3 -> tokens.set(at, tokens.get(r.nextInt(tokens.size())));
                default -> tokens.add(at, pick(NOISE));
            }
        }
    }

    private static final List<String> NOISE = List.of("(", ")", "{", "}", "[", "]", ";", ",", ".", "=", "+", "-",
            "*", "/", "%", "!", "?", ":", "#", "$", "@", "&", "|", "^", "~", "<", ">", "\"", "'", "`", "%(", "%?",
            "%:", "%)", "%{", "%}", "probe", "function", "global", "if", "else", "in", "$1", "@1", "$#", "@#",
            "<<<", "->", "++", "=~", "\\", "0x", "08", "18446744073709551616");

    // ------------------------------------------------------------------ names

    private static final List<String> IDENTS = List.of("x", "y", "count", "a$", "a$b", "x$$", "_$", "b$1", "t_$_",
            "cnt$", "s", "arr", "m$ap", "__x", "i", "j", "k$", "v$v$v", "string_x", "probe_", "ifx", "in_", "$$x$");
    private static final List<String> TARGETS = List.of("$x", "$var", "$a$", "$p$$", "$$vars", "$$parms",
            "$$locals", "$$return", "$$vars$", "$$parms$$", "$return", "$skb", "$a$b", "$x$y$");
    private static final List<String> FUNCTIONS = List.of("f", "g$", "execname", "pid", "sprint_x", "h$h",
            "long_f", "kernel_string", "user_string", "exit", "print_backtrace", "probefunc");
    private static final List<String> KEYWORD_MEMBERS = List.of("function", "return", "if", "next", "string",
            "long", "in", "limit");

    private String ident() {
        return bad() ? pick("probe", "global", "string", "long", "in", "try") : pick(IDENTS);
    }

    private String target() {
        return pick(TARGETS);
    }

    // ------------------------------------------------------------------ top level

    private void topLevel(int depth) {
        int k = r.nextInt(100);
        if (k < 40) {
            probe();
        } else if (k < 52) {
            function();
        } else if (k < 62) {
            global();
        } else if (k < 70) {
            alias();
        } else if (k < 75) {
            t("%{ /* embedded C */ #include <linux/x.h> %}");
        } else if (k < 83) {
            macroDefinition();
        } else if (k < 92 && depth < 3) {
            conditional(() -> topLevel(depth + 1), () -> topLevel(depth + 1));
        } else {
            t("private");
            switch (r.nextInt(3)) {
                case 0 -> function();
                case 1 -> global();
                default -> globalBody();
            }
        }
    }

    private void probe() {
        t("probe");
        probePoints(0);
        block();
    }

    private void alias() {
        t("probe");
        int names = chance(85) ? 1 : 2;
        for (int i = 0; i < names; i++) {
            t(pick("myalias", "a$.b", "qemu.system.x86_64.foo", "tp.x", "syscall.my_open", "x.return"));
            t(chance(70) ? "=" : "+=");
        }
        probePoints(0);
        block();
        if (chance(15)) {
            t(",");
            block();
        }
    }

    private void function() {
        t("function");
        t(bad() ? pick("probe", "if") : chance(95) ? pick(FUNCTIONS) : pick("string", "long"));
        if (chance(30)) {
            t(":", bad() ? pick("stats", "x") : pick("long", "string"));
        }
        t("(");
        int params = r.nextInt(4);
        for (int i = 0; i < params; i++) {
            if (i > 0) {
                t(",");
            }
            t(bad() ? ident() : freshName());
            if (chance(30)) {
                t(":", bad() ? "x" : pick("long", "string"));
            }
        }
        t(")");
        if (chance(10)) {
            t(":", bad() ? pick("0", "-1", "\"x\"") : pick("1", "2"));
        }
        if (chance(15)) {
            t(pick("%{ STAP_RETURN(1); %}", "%{ /* pure */ %}", "%{ STAP_RETVALUE = 0; }% %}"));
        } else {
            boolean was = inFunction;
            inFunction = true;
            block();
            inFunction = was;
        }
    }

    private void global() {
        t("global");
        globalBody();
    }

    private void globalBody() {
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t(",");
            }
            t(bad() ? ident() : freshName());
            if (chance(15)) {
                t("%");
            }
            boolean sized = chance(20);
            if (sized) {
                t("[");
                if (bad()) {
                    t("-");
                }
                t(bad() ? pick("0", "2147483648", "x") : pick("100", "1", "0x10", "2147483647"));
                t("]");
            }
            if (chance(20) && (!sized || bad())) {
                t("=");
                literal();
            }
        }
        if (chance(50)) {
            t(";");
        }
    }

    private void macroDefinition() {
        String name = pick("M", "m$", "twice", "plus", "ver", "empty");
        int arity = chance(50) ? 0 : 1 + r.nextInt(3);
        t("@define", name);
        if (arity > 0) {
            t("(");
            for (int i = 0; i < arity; i++) {
                if (i > 0) {
                    t(",");
                }
                t("p" + i);
            }
            t(")");
        }
        t("%(");
        int b = budget;
        budget = 6;
        expression(0, arity);
        budget = b - 6;
        t("%)");
        macros.add(name + "/" + arity);
    }

    /** A preprocessor conditional around two alternatives. */
    private void conditional(Runnable then, Runnable otherwise) {
        t("%(");
        condition();
        t("%?");
        then.run();
        if (chance(60)) {
            t("%:");
            otherwise.run();
        }
        t("%)");
    }

    private void condition() {
        int terms = 1 + (chance(25) ? r.nextInt(3) : 0);
        for (int i = 0; i < terms; i++) {
            if (i > 0) {
                t(pick("&&", "||"));
            }
            switch (r.nextInt(11)) {
                case 0 -> t("arch", pick("==", "!="), pick("\"x86_64\"", "\"i?86\"", "\"arm*\"", "\"s390\""));
                case 1 -> t(pick("kernel_v", "kernel_vr"), pick("<", "<=", "==", "!=", ">", ">="),
                        pick("\"2.6.9\"", "\"6.1\"", "\"6.1.0-fake\"", "\"3.*\"", "\"5\""));
                case 2 -> t("systemtap_v", pick("<", ">=", "==", "!="), pick("\"4.0\"", "\"2.6\"", "\"4.8\""));
                case 3 -> t("runtime", pick("==", "!="), pick("\"kernel\"", "\"dyninst\"", "\"bpf\""));
                case 4 -> t("guru_mode", pick("==", "!="), bad() ? "2" : pick("0", "1"));
                case 5 -> {
                    if (chance(50)) {
                        t(pick("CONFIG_SMP", "CONFIG_NOPE", "CONFIG_UTRACE"), pick("==", "!="),
                                pick("\"y\"", "\"[ym]\"", "\"\""));
                    } else {
                        t(pick("CONFIG_HZ", "CONFIG_NR_CPUS", "CONFIG_NOPE"), pick("==", "!=", "<", ">="),
                                pick("100", "250", "CONFIG_NR_CPUS", bad() ? "0x10" : "0"));
                    }
                }
                case 6 -> t("systemtap_privilege", pick("==", "!="), pick("\"stapusr\"", "\"stapdev\""));
                case 7 -> t(pick("1", "2", "$#"), pick("<", "==", ">="), pick("1", "0"));
                case 8 -> t("\"a\"", pick("==", "<", "!="), pick("\"b\"", "\"a\""));
                case 9 -> {
                    if (bad()) {
                        t(pick("arch", "foo", "kernel_v"), pick("==", "=", "<"));
                    } else {
                        t("arch", "==", "\"x86_64\"");
                    }
                }
                default -> t("@#", pick("==", "!="), pick("\"0\"", "\"1\""));
            }
        }
    }

    // ------------------------------------------------------------------ probe points

    private static final List<String> SIMPLE_POINTS = List.of("begin", "end", "never", "error", "begin(-1)",
            "end(100)", "timer.ms(100)", "timer.s(1)", "timer.profile", "perf.type(1).config(0)",
            "kernel.function(\"sys_open\")", "kernel.function(\"vfs_*\").return", "kernel.function(\"f@fs/*.c:10\")",
            "process(\"/bin/ls\").function(\"main\")", "process(\"a\").mark(\"b\")", "process.begin",
            "kernel.statement(0).absolute", "syscall.*", "syscall.open", "syscall.*.return", "nd_syscall.read",
            "qemu.system.x86_64.foo", "qemu.system.x86_64.log.*", "module(\"ext4\").function(\"*\")",
            "kernel.trace(\"sched_switch\")", "process(\"x\").provider(\"p\").mark(\"m\")",
            "kprobe.function(\"x\").maxactive(10)", "timer.ms(100).randomize(5)", "procfs(\"x\").read",
            "netfilter.hook(\"NF_INET_PRE_ROUTING\")", "process(\"a\").**", "sys*open.return", "*.*", "a$.b$");

    private void probePoints(int depth) {
        int n = chance(75) ? 1 : 2 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t(",");
            }
            probePoint(depth);
        }
    }

    private void probePoint(int depth) {
        if (chance(60)) {
            // one token per piece of the spelled point: the lexer glues them again
            for (String piece : splitPoint(pick(SIMPLE_POINTS))) {
                t(piece);
            }
        } else {
            int comps = 1 + r.nextInt(4);
            for (int i = 0; i < comps; i++) {
                if (i > 0) {
                    t(".");
                }
                if (depth < 2 && chance(10)) {
                    t("{");
                    probePoints(depth + 1);
                    t("}");
                } else {
                    t(pick("begin", "kernel", "function", "return", "call", "process", "mark", "syscall", "foo",
                            "a$b", "sys*", "*open", "*", "**", "if", "next", "x86_64", "s*s*s", "statement"));
                    if (chance(25)) {
                        t("(");
                        literal();
                        t(")");
                    }
                }
            }
        }
        if (chance(15)) {
            t(pick("?", "!"));
        }
        if (chance(10)) {
            t("if", "(");
            expression(0, 0);
            t(")");
        }
    }

    /** A spelled probe point as tokens, its glob pieces kept whole (whitespace inside would split them). */
    private static List<String> splitPoint(String point) {
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < point.length(); i++) {
            char c = point.charAt(i);
            if (c == '"') {
                int end = point.indexOf('"', i + 1);
                flush(piece, out);
                out.add(point.substring(i, end + 1));
                i = end;
            } else if (c == '.' || c == '(' || c == ')') {
                flush(piece, out);
                out.add(String.valueOf(c));
            } else {
                piece.append(c);
            }
        }
        flush(piece, out);
        return out;
    }

    private static void flush(StringBuilder piece, List<String> out) {
        if (piece.length() > 0) {
            out.add(piece.toString());
            piece.setLength(0);
        }
    }

    // ------------------------------------------------------------------ statements

    private void block() {
        t("{");
        int n = exhausted() ? 0 : r.nextInt(5);
        for (int i = 0; i < n; i++) {
            statement(0);
        }
        t("}");
    }

    private void statement(int depth) {
        if (exhausted() || depth > 4) {
            t(chance(50) ? ";" : "x = 1");
            return;
        }
        switch (r.nextInt(20)) {
            case 0 -> t(";");
            case 1 -> {
                t("{");
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    statement(depth + 1);
                }
                t("}");
            }
            case 2, 3 -> {
                t("if", "(");
                expression(0, 0);
                t(")");
                statement(depth + 1);
                if (chance(40)) {
                    t("else");
                    statement(depth + 1);
                }
            }
            case 4 -> {
                t("while", "(");
                expression(0, 0);
                t(")");
                statement(depth + 1);
            }
            case 5 -> {
                t("for", "(");
                if (chance(70)) {
                    expression(0, 0);
                }
                t(";");
                if (chance(70)) {
                    expression(0, 0);
                }
                t(";");
                if (chance(70)) {
                    expression(0, 0);
                }
                t(")");
                statement(depth + 1);
            }
            case 6 -> foreach(depth);
            case 7 -> {
                t("try");
                block();
                t("catch");
                if (chance(50)) {
                    t("(", ident(), ")");
                }
                block();
            }
            case 8 -> {
                if (!inFunction && !bad()) {
                    t("next");
                    semicolon();
                    return;
                }
                t("return");
                if (chance(70)) {
                    expression(0, 0);
                }
                semicolon();
            }
            case 9 -> {
                t("delete");
                switch (r.nextInt(3)) {
                    case 0 -> t(ident());
                    case 1 -> {
                        t(ident(), "[");
                        expression(0, 0);
                        t(",", "*", "]");
                    }
                    default -> expression(0, 0);
                }
                semicolon();
            }
            case 10 -> {
                t(pick("break", "continue", "next"));
                semicolon();
            }
            case 11 -> {
                conditional(() -> statement(depth + 1), () -> statement(depth + 1));
            }
            case 12 -> {
                printCall();
                semicolon();
            }
            case 13 -> {
                t(ident(), "<<<");
                expression(0, 0);
                semicolon();
            }
            default -> {
                expression(0, 0);
                semicolon();
            }
        }
    }

    private void semicolon() {
        if (chance(60)) {
            t(";");
        }
    }

    private void foreach(int depth) {
        t("foreach", "(");
        if (chance(20)) {
            t(ident());
            sort(20);
            t("=");
        }
        if (chance(35)) {
            t("[");
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    t(",");
                }
                t(ident());
                sort(20);
            }
            t("]");
        } else {
            t(ident());
            sort(20);
        }
        t("in");
        switch (r.nextInt(6)) {
            case 0 -> {
                t("@hist_log", "(");
                expression(0, 0);
                t(")");
            }
            case 1 -> {
                t("@hist_linear", "(");
                expression(0, 0);
                t(",", "0", ",", "100", ",", "10", ")");
            }
            default -> t(ident());
        }
        if (chance(15)) {
            t("[");
            t("*");
            t(",");
            expression(0, 0);
            t("]");
        }
        if (chance(15)) {
            t(pick("@sum", "@count", "@avg", "@min", "@max", "@variance"));
            sort(80);
        }
        sort(15);
        if (chance(15)) {
            t("limit");
            expression(0, 0);
        }
        t(")");
        statement(depth + 1);
    }

    private void sort(int percent) {
        if (chance(percent)) {
            t(pick("+", "-"));
        }
    }

    // ------------------------------------------------------------------ expressions

    private static final List<String> ASSIGN = List.of("=", "<<<", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=",
            "&=", "^=", "|=", ".=");
    private static final List<String> BINARY = List.of("||", "&&", "|", "^", "&", "<", ">", "<=", ">=", "==", "!=",
            "<<", ">>", ">>>", ".", "+", "-", "*", "/", "%");

    /** An expression; {@code params} macro parameters (@p0...) may be used inside a macro body. */
    private void expression(int depth, int params) {
        if (exhausted() || depth > 6) {
            primary(depth, params, true);
            return;
        }
        switch (r.nextInt(16)) {
            case 0 -> {
                lvalue(depth, params);
                t(pick(ASSIGN));
                expression(depth + 1, params);
            }
            case 1 -> {
                operand(depth, params);
                t("?");
                expression(depth + 1, params);
                t(":");
                operand(depth, params);
            }
            case 2, 3, 4 -> {
                operand(depth, params);
                t(pick(BINARY));
                operand(depth, params);
            }
            case 5 -> {
                t(pick("+", "-", "!", "~"));
                operand(depth, params);
            }
            case 6 -> {
                if (chance(50)) {
                    t(pick("++", "--"));
                    lvalue(depth, params);
                } else {
                    lvalue(depth, params);
                    t(pick("++", "--"));
                }
            }
            case 7 -> {
                // the keys are comparisons (parse_array_in): anything looser goes in parentheses
                if (chance(50)) {
                    t("[", "(");
                    expression(depth + 1, params);
                    t(")", ",", chance(50) ? "*" : "1", "]");
                } else {
                    t("(");
                    expression(depth + 1, params);
                    t(")");
                }
                t("in", ident());
            }
            case 8 -> {
                operand(depth, params);
                t(pick("=~", "!~"), pick("\"^a.*b$\"", "\"[\"", "\"x\" \"y\""));
            }
            case 9 -> {
                t("(");
                expression(depth + 1, params);
                t(")");
            }
            case 10 -> conditional(() -> expression(depth + 1, params), () -> expression(depth + 1, params));
            default -> primary(depth, params, false);
        }
    }

    /**
     * An operand of an operator: a primary, or an expression in parentheses; now and then a bare expression, which
     * tries the precedence levels (and is often invalid: "- [a] in b", "1 == 2 !~ \"x\"").
     */
    private void operand(int depth, int params) {
        int k = r.nextInt(100);
        if (k < 50 || exhausted() || depth > 5) {
            primary(depth, params, false);
        } else if (k < 92) {
            t("(");
            expression(depth + 1, params);
            t(")");
        } else {
            expression(depth + 1, params);
        }
    }

    private void lvalue(int depth, int params) {
        switch (r.nextInt(4)) {
            case 0 -> {
                t(ident(), "[");
                expression(depth + 1, params);
                t("]");
            }
            case 1 -> t(target());
            default -> t(ident());
        }
    }

    private void primary(int depth, int params, boolean leaf) {
        int k = r.nextInt(leaf ? 6 : 24);
        switch (k) {
            case 0, 1 -> literal();
            case 2 -> t(ident());
            case 3 -> t(target());
            case 4 -> t(bad() ? "$3" : pick("$1", "@1", "$#", "@#", "$2"));
            case 5 -> {
                if (params > 0) {
                    t("@p" + r.nextInt(params));
                } else {
                    t(ident());
                }
            }
            case 6 -> {
                t(pick(FUNCTIONS), "(");
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        t(",");
                    }
                    expression(depth + 1, params);
                }
                t(")");
            }
            case 7 -> {
                t(ident(), "[");
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        t(",");
                    }
                    if (chance(10)) {
                        t("*");
                    } else {
                        expression(depth + 1, params);
                    }
                }
                t("]");
            }
            case 8 -> {
                if (chance(20)) {
                    t("&");
                }
                String tg = target();
                t(tg);
                // a pretty-printed target ($p$, $$vars$) takes no member
                if (!tg.endsWith("$") || bad()) {
                    members(depth, params);
                }
            }
            case 9 -> {
                t("@cast", "(");
                expression(depth + 1, params);
                t(",", pick("\"task_struct\"", "\"struct sk_buff\""));
                if (chance(40)) {
                    t(",", pick("\"kernel\"", "\"kernel<linux/sched.h>\"", "\"kernel:scsi_mod\""));
                }
                t(")");
                members(depth, params);
            }
            case 10 -> {
                t("@var", "(", pick("\"x@file.c\"", "\"jiffies\"", "\"a$\""));
                if (chance(30)) {
                    t(",", "\"kernel\"");
                }
                t(")");
                members(depth, params);
            }
            case 11 -> {
                t(pick("@count", "@sum", "@avg", "@min", "@max"), "(", ident(), ")");
            }
            case 12 -> {
                t("@variance", "(", ident());
                if (chance(50)) {
                    t(",", "2");
                }
                t(")");
            }
            case 13 -> {
                t(pick("@defined", "@entry"), "(");
                if (chance(60)) {
                    String tg = target();
                    t(tg);
                    if (!tg.endsWith("$")) {
                        members(depth, params);
                    }
                } else {
                    expression(depth + 1, params);
                }
                t(")");
            }
            case 14 -> {
                switch (r.nextInt(6)) {
                    case 0 -> t("@probewrite", "(", ident(), ")");
                    case 1 -> t("@const", "(", "\"PAGE_SIZE\"", ")");
                    case 2 -> t("@perf", "(", "\"cycles\"", ")");
                    case 3 -> t(pick("@kregister", "@uregister"), "(", pick("0", "1", "x"), ")");
                    case 4 -> {
                        t(pick("@kderef", "@uderef"), "(", pick("4", "8"), ",");
                        expression(depth + 1, params);
                        t(")");
                    }
                    default -> t(bad() ? pick("@nosuch", "@", "@p0") : "@const(\"X\")");
                }
            }
            case 15 -> {
                boolean linear = chance(50);
                t(linear ? "@hist_linear" : "@hist_log", "(", ident());
                if (linear && !bad()) {
                    t(",", "0", ",", "100", ",", "10");
                }
                t(")", "[", "0", "]");
            }
            case 16 -> printCall();
            case 17 -> {
                if (!macros.isEmpty()) {
                    String m = pick(macros);
                    int slash = m.indexOf('/');
                    int arity = Integer.parseInt(m.substring(slash + 1));
                    t("@" + m.substring(0, slash));
                    if (arity > 0 || chance(10)) {
                        t("(");
                        int n = chance(90) ? arity : r.nextInt(4);
                        for (int i = 0; i < n; i++) {
                            if (i > 0) {
                                t(",");
                            }
                            expression(depth + 1, params);
                        }
                        t(")");
                    }
                } else {
                    literal();
                }
            }
            case 18 -> t(pick("%{ 1 %}", "%{ current->pid %}", "%{ /* x */ 0 %}"));
            case 19 -> {
                t(ident());
                t(chance(50) ? "$" : "$$");
            }
            default -> literal();
        }
    }

    private void members(int depth, int params) {
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> {
                    t("[");
                    expression(depth + 1, params);
                    t("]");
                }
                case 1 -> t("->", pick(KEYWORD_MEMBERS));
                default -> t("->", pick("pid", "a$", "b_$c", "next", "tasks", "x$y"));
            }
        }
        if (chance(10)) {
            t(pick("$", "$$"));
            if (bad()) {
                t("->", "x");
            }
        }
    }

    private void printCall() {
        String name = pick("print", "println", "printd", "printdln", "printf", "sprint", "sprintln", "sprintd",
                "sprintdln", "sprintf", "print_char");
        t(name, "(");
        int values;
        if (name.endsWith("printf")) {
            if (!bad()) {
                t(format());
                if (chance(20)) {
                    t(format());
                }
            } else {
                t(ident());
            }
            values = r.nextInt(3);
        } else if (name.contains("printd")) {
            t(!bad() ? pick("\",\"", "\" \"") : ident());
            values = (bad() ? 1 : 2) + r.nextInt(2);
        } else {
            values = !bad() ? 1 + r.nextInt(2) : 0;
        }
        for (int i = 0; i < values; i++) {
            if (i > 0 || name.endsWith("printf") || name.contains("printd")) {
                t(",");
            }
            if (chance(10)) {
                t(pick("@hist_log", "@hist_linear"), "(", ident());
                if (chance(50)) {
                    t(",", "0", ",", "10", ",", "1");
                }
                t(")");
            } else {
                expression(3, 0);
            }
        }
        t(")");
    }

    /** A printf format literal from the conversion grammar of print_format::string_to_components, now and then wrong. */
    private String format() {
        StringBuilder f = new StringBuilder("\"");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (chance(50)) {
                f.append(pick("x=", "a b ", "\\n", "\\t", "é", "%%", "\\\"", "\\x41"));
            }
            f.append('%');
            if (chance(30)) {
                f.append(pick("0", "+", "-", " ", "#"));
            }
            if (bad()) {
                f.append(pick("0", "+", "-", " ", "#"));
            }
            if (chance(30)) {
                f.append(pick("5", "08", "*", "12"));
            }
            if (chance(20)) {
                f.append('.').append(pick("", "3", "*"));
            }
            if (chance(15)) {
                f.append(bad() ? pick("ll", "h", "z", "j") : "l");
            }
            if (!bad()) {
                f.append(bad() ? pick("f", "n", "S") : pick("d", "i", "u", "o", "x", "X", "p", "s", "c", "b", "m",
                        "M"));
            }
        }
        if (bad()) {
            f.append('%');
        }
        return f.append('"').toString();
    }

    private void literal() {
        switch (r.nextInt(12)) {
            case 0 -> t(pick("0", "1", "42", "-1", "0x1F", "0777", "9223372036854775807", "18446744073709551615"));
            case 1 -> t(bad() ? pick("08", "0x", "12A3", "18446744073709551616", "0xg") : "7");
            case 2 -> t(pick("\"\"", "\"abc\"", "\"a\\\"b\"", "\"\\q\\n\"", "\"é\"", "\"a#b\"", "\"/* no */\""));
            case 3 -> t("\"a\"", "\"b\"");
            case 4 -> t("-", bad() ? "9223372036854775809" : pick("5", "9223372036854775808"));
            default -> t(pick("1", "100", "\"s\"", "2"));
        }
    }
}
