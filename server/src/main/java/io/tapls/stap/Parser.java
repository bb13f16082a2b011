package io.tapls.stap;

import io.tapls.stap.Ast.Expr;
import io.tapls.stap.Ast.Stmt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser that follows stap 4.8's parse.cxx function by function, so that it accepts
 * what stap accepts and reports stap's messages. It never fails: errors are collected and parsing
 * resumes at the next 'probe', 'global', 'function', 'private' or '%{', as stap does.
 */
public final class Parser {
    private enum Context { UNKNOWN, PROBE, GLOBAL, FUNCTION }

    private final Preprocessor pp;
    private Token nextT;
    private boolean nextLoaded;
    private Token lastT;
    private Context context = Context.UNKNOWN;

    public final List<ParseError> errors = new ArrayList<>();
    public final List<Probe> probes = new ArrayList<>();
    public final List<ProbeAlias> aliases = new ArrayList<>();
    public final List<Function> functions = new ArrayList<>();
    public final List<Global> globals = new ArrayList<>();
    public final List<Token> embedded = new ArrayList<>();
    /** Global names seen so far ("g:x" / "p:x" for private), for stap's duplicate checks. */
    private final Set<String> globalNames = new java.util.HashSet<>();

    /**
     * Runs a parse (a preprocessor and a parser over one file) on the calling thread and, should that overflow its
     * stack (a thread with a small stack: the JVM's default is 1 MB, and nesting up to {@link #MAX_DEPTH} levels
     * takes several), runs it again from the start on a thread of its own with a deep stack. The first attempt's
     * state is discarded: {@code parse} must build everything it returns afresh.
     */
    public static <T> T onDeepStack(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (StackOverflowError shallow) {
            java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(parse::get);
            Thread t = new Thread(null, task, "tapls-deep-parse", DEEP_STACK);
            t.setDaemon(true);
            t.start();
            boolean interrupted = false;
            while (true) {
                try {
                    T result = task.get();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return result;
                } catch (InterruptedException e) {
                    interrupted = true; // the parse does not stop halfway; wait for it, keep the interrupt
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /** The deep stack: reserved address space, only the pages used are ever touched. */
    private static final long DEEP_STACK = 512L << 20;

    public Parser(Preprocessor pp) {
        this.pp = pp;
    }

    // ---------------------------------------------------------------- token access

    private Token peek() {
        if (!nextLoaded) {
            nextT = pp.next();
            nextLoaded = true;
        }
        lastT = nextT;
        return nextT;
    }

    private Token next() {
        if (!nextLoaded) {
            nextT = pp.next();
            nextLoaded = true;
        }
        if (nextT == null) {
            // parse.cxx's next(): the error names last_t, the token last read by next() (or peeked), which an
            // end of file leaves alone; so "x in" at the end is reported at "in", and "foreach (k in" (whose
            // "in" was swallowed) at the end of the file
            throw new ParseError("unexpected end-of-file", lastT, true);
        }
        lastT = nextT;
        nextLoaded = false;
        nextT = null;
        return lastT;
    }

    private void swallow() {
        // parse.cxx's swallow() forgets the token: an error right after it names no token (the end of the file)
        nextLoaded = false;
        nextT = null;
        lastT = null;
    }

    private ParseError error(String message) {
        return new ParseError(message, lastT, true);
    }

    private ParseError error(String message, Token at) {
        return new ParseError(message, at, false);
    }

    private boolean peekOp(String op) {
        Token t = peek();
        return t != null && t.isOp(op);
    }

    /** parse.cxx's expect_op: the token read, then swallowed (an error right after names no token). */
    private Token expectOp(String op) {
        Token t = next();
        if (!t.isOp(op)) {
            throw error("expected '" + op + "'");
        }
        lastT = null;
        return t;
    }

    private Token expectKw(String kw) {
        Token t = next();
        if (!t.isKeyword(kw)) {
            throw error("expected '" + kw + "'");
        }
        lastT = null;
        return t;
    }

    /** expect_unknown(tok_string): a string, and the literals right after it (consume_string_literals: "a" "b"). */
    private String expectString() {
        Token t = next();
        if (t.kind != Token.Kind.STRING && t.kind != Token.Kind.ARG_STRING) {
            throw error("expected string");
        }
        return consumeStrings(t);
    }

    // ---------------------------------------------------------------- top level

    public void parse() {
        while (true) {
            try {
                Token t = peek();
                if (t == null) {
                    break;
                }
                if (t.isKeyword("probe")) {
                    context = Context.PROBE;
                    parseProbe();
                } else if (t.isKeyword("global")) {
                    context = Context.GLOBAL;
                    swallow(); // parse_global swallows the keyword: "global" alone ends at the end of the file
                    parseGlobals(false);
                } else if (t.isKeyword("private")) {
                    parsePrivate();
                } else if (t.isKeyword("function")) {
                    context = Context.FUNCTION;
                    next();
                    parseFunction(false);
                } else if (t.kind == Token.Kind.EMBEDDED) {
                    next();
                    embedded.add(t);
                } else {
                    context = Context.UNKNOWN;
                    throw error("expected 'probe', 'global', 'private', 'function', or '%{'");
                }
            } catch (ParseError pe) {
                errors.add(pe);
                depth = 0;
                recover();
            } catch (RuntimeException ex) {
                // Never fail: report where we were and carry on like stap's recovery. (A StackOverflowError is
                // left to the caller, which parses again on a deep stack: see parseOnDeepStack.)
                errors.add(new ParseError("internal error: " + ex, lastT, true));
                depth = 0;
                try {
                    swallow();
                    recover();
                } catch (RuntimeException ex2) {
                    return;
                }
            }
        }
    }

    private void recover() {
        int guard = 0;
        while (guard++ < 10_000_000) {
            try {
                Token t = peek();
                if (t == null) {
                    break;
                }
                if (t.isKeyword("probe") || t.isKeyword("private") || t.isKeyword("global")
                        || t.isKeyword("function") || t.kind == Token.Kind.EMBEDDED) {
                    break;
                }
                swallow();
            } catch (ParseError pe) {
                swallow();
            }
        }
    }

    private void parsePrivate() {
        next(); // private
        Token t = next();
        if (t.isKeyword("function")) {
            context = Context.FUNCTION;
            parseFunction(true);
        } else if (t.isKeyword("global")) {
            context = Context.GLOBAL;
            parseGlobals(true);
        } else if (t.kind == Token.Kind.IDENT) {
            context = Context.GLOBAL;
            nextT = t;
            nextLoaded = true;
            parseGlobals(true);
        } else {
            throw error("expected 'function' or identifier");
        }
    }

    // ---------------------------------------------------------------- globals

    private void parseGlobals(boolean isPrivate) {
        while (true) {
            Token t = next();
            if (t.kind != Token.Kind.IDENT) {
                throw error("expected identifier");
            }
            String name = t.text;
            String key = (isPrivate ? "p:" : "g:") + name;
            String other = (isPrivate ? "g:" : "p:") + name;
            if (globalNames.contains(key)) {
                throw error("duplicate global name");
            }
            if (globalNames.contains(other)) {
                throw error("global versus private variable declaration conflict");
            }
            globalNames.add(key);
            boolean wrap = false;
            Long size = null;
            Expr init = null;
            Token p = peek();
            if (p != null && p.isOp("%")) {
                wrap = true;
                swallow();
                p = peek();
            }
            if (p != null && p.isOp("[")) {
                swallow();
                long n = expectNumber();
                if (n <= 0 || n > Integer.MAX_VALUE) {
                    throw error("array size out of range");
                }
                size = n;
                expectOp("]");
                p = peek();
            }
            if (p != null && p.isOp("=")) {
                // a size makes an array; '%' alone (wrap-around) does not: "global x% = 2" is accepted
                if (size != null) {
                    throw error("only scalar globals can be initialized");
                }
                next();
                init = parseLiteral();
                p = peek();
            }
            globals.add(new Global(name, wrap, size, init, isPrivate, t.guard, t));
            if (p != null && p.isOp(";")) {
                swallow();
                break;
            }
            if (p != null && p.isOp(",")) {
                swallow();
                continue;
            }
            break;
        }
    }

    private long expectNumber() {
        Token t = next();
        boolean neg = false;
        if (t.isOp("-")) {
            neg = true;
            t = next();
        }
        if (t.kind != Token.Kind.NUMBER) {
            throw error("expected number");
        }
        return number(t.text, neg);
    }

    private long number(String text, boolean neg) {
        BigInteger v = parseCNumber(text);
        if (v == null || v.bitLength() > 64 || neg && v.compareTo(BigInteger.ONE.shiftLeft(63)) > 0) {
            throw error("number invalid or out of range");
        }
        long l = v.longValue();
        return neg ? -l : l;
    }

    /** strtoull(s, 0) that must consume the whole text. */
    static BigInteger parseCNumber(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return s.length() > 2 ? new BigInteger(s.substring(2), 16) : null;
            }
            if (s.length() > 1 && s.charAt(0) == '0') {
                return new BigInteger(s.substring(1), 8);
            }
            return new BigInteger(s, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- functions

    private void parseFunction(boolean isPrivate) {
        Token nameTok = next();
        if (nameTok.kind != Token.Kind.IDENT
                && !(nameTok.kind == Token.Kind.KEYWORD && (nameTok.text.equals("string") || nameTok.text.equals("long")))) {
            throw error("expected identifier");
        }
        String returnType = null;
        Token t = next();
        if (t.isOp(":")) {
            returnType = expectType();
            t = next();
        }
        if (!t.isOp("(")) {
            throw error("expected '('");
        }
        lastT = null; // expect_op("(") swallows it
        List<Function.Param> params = new ArrayList<>();
        while (true) {
            t = next();
            if (t.isOp(")")) {
                break;
            } else if (t.kind != Token.Kind.IDENT) {
                throw error("expected identifier");
            }
            for (Function.Param p : params) {
                if (p.name().equals(t.text)) {
                    throw error("duplicate parameter names");
                }
            }
            Token pt = t;
            String type = null;
            t = next();
            if (t.isOp(":")) {
                type = expectType();
                t = next();
            }
            params.add(new Function.Param(pt.text, type, pt));
            if (t.isOp(")")) {
                break;
            }
            if (!t.isOp(",")) {
                throw error("expected ',' or ')'");
            }
        }
        Long priority = null;
        t = peek();
        if (t != null && t.isOp(":")) {
            swallow();
            Expr lit = parseLiteral();
            if (!(lit instanceof Ast.NumLit n)) {
                throw error("expected literal number");
            }
            if (n.value() < 1) {
                throw error("specified priority must be > 0");
            }
            priority = n.value();
        }
        t = peek();
        Context saved = context;
        context = Context.FUNCTION;
        try {
            if (t != null && t.kind == Token.Kind.EMBEDDED) {
                next();
                functions.add(new Function(nameTok.text, returnType, List.copyOf(params), priority, true, isPrivate,
                        null, t, nameTok.guard, null, nameTok));
            } else {
                Ast.Block body = parseBlock();
                functions.add(new Function(nameTok.text, returnType, List.copyOf(params), priority, false, isPrivate,
                        body, null, nameTok.guard, null, nameTok));
            }
        } finally {
            context = saved;
        }
    }

    private String expectType() {
        Token t = next();
        if (t.isKeyword("string") || t.isKeyword("long")) {
            return t.text;
        }
        throw error("expected 'string' or 'long'");
    }

    // ---------------------------------------------------------------- probes

    private void parseProbe() {
        Token t0 = next();
        List<ProbePoint> aliasNames = new ArrayList<>();
        List<ProbePoint> locations;
        boolean epilogue = false;
        while (true) {
            List<ProbePoint> pps = parseProbePoints();
            Token t = peek();
            if (pps.size() == 1 && t != null && (t.isOp("=") || t.isOp("+="))) {
                ProbePoint p = pps.get(0);
                if (p.optional() || p.sufficient()) {
                    throw error("probe point alias name cannot be optional nor sufficient", p.start());
                }
                aliasNames.add(p);
                if (t.isOp("+=")) {
                    epilogue = true;
                }
                swallow();
                continue;
            } else if (t != null && t.isOp("{")) {
                locations = pps;
                break;
            } else {
                throw error("expected probe point specifier");
            }
        }
        if (aliasNames.isEmpty()) {
            Ast.Block body = parseBlock();
            probes.add(new Probe(List.copyOf(locations), body, t0.guard, t0));
        } else {
            Ast.Block body = parseBlock();
            Ast.Block epi = null;
            Token t = peek();
            if (t != null && t.isOp(",")) {
                if (epilogue) {
                    throw error("Combined prologue and epilogue cannot be defined with '+='");
                }
                swallow();
                epi = parseBlock();
            }
            aliases.add(new ProbeAlias(List.copyOf(aliasNames), List.copyOf(locations), epilogue, body, epi,
                    java.util.Map.of(), t0.guard, null, t0));
        }
    }

    private List<ProbePoint> parseProbePoints() {
        deeper(); // brace groups nest: "{{{a}}}"
        List<ProbePoint> pps = new ArrayList<>();
        while (true) {
            pps.addAll(parseProbePoint());
            Token t = peek();
            if (t != null && t.isOp(",")) {
                swallow();
                continue;
            }
            if (t != null && (t.isOp("{") || t.isOp("}") || t.isOp("=") || t.isOp("+="))) {
                break;
            }
            throw error("expected one of ', { } = +='");
        }
        depth--;
        return pps;
    }

    private List<ProbePoint> parseProbePoint() {
        List<ProbePoint> pps = parseComponents();
        Token t = peek();
        boolean opt = false;
        boolean suff = false;
        Expr cond = null;
        if (t != null && (t.isOp("?") || t.isOp("!"))) {
            for (ProbePoint p : pps) {
                if (p.optional() || p.sufficient()) {
                    throw error("'?' or '!' respecified");
                }
            }
            opt = true;
            suff = t.isOp("!");
            swallow();
            t = peek();
        }
        if (t != null && t.isKeyword("if")) {
            swallow();
            Token p = next();
            if (!p.isOp("(")) {
                throw error("expected '('");
            }
            cond = parseExpression();
            p = next();
            if (!p.isOp(")")) {
                throw error("expected ')'");
            }
            // stap reads the whole condition first: the error is seen at its ')'
            for (ProbePoint q : pps) {
                if (q.condition() != null) {
                    throw error("condition respecified");
                }
            }
        }
        if (opt || cond != null) {
            List<ProbePoint> out = new ArrayList<>(pps.size());
            for (ProbePoint p : pps) {
                out.add(p.withSuffix(opt || p.optional(), suff || p.sufficient(),
                        cond != null ? cond : p.condition()));
            }
            return out;
        }
        return pps;
    }

    /** component { '.' component }, with brace groups expanded to the cartesian product. */
    private List<ProbePoint> parseComponents() {
        Token suffixError = null;
        boolean suffixArmed = false;
        List<List<ProbePoint.Component>> prefixes = new ArrayList<>();
        prefixes.add(new ArrayList<>());
        Token first = null;
        // suffix flags coming from a brace group (they must be the last component)
        List<ProbePoint> lastGroup = null;
        while (true) {
            Token before = lastT;
            Token t = peek();
            if (t == null) {
                // parse_component reads a component with next(): "probe" alone ends at "probe", not at the end
                lastT = before;
            }
            if (first == null && (t == null || !t.isOp("{"))) {
                first = t; // a point is named by its first component, even inside a brace group ("{f}.b": 'f')
            }
            if (t != null && t.isOp("{")) {
                swallow();
                Token prefixFirst = first;
                List<ProbePoint> inner = parseProbePoints();
                t = peek();
                if (t == null || !t.isOp("}")) {
                    throw error("expected '}'");
                }
                swallow();
                if (first == null && !inner.isEmpty()) {
                    first = inner.get(0).start();
                }
                List<List<ProbePoint.Component>> expanded = new ArrayList<>();
                for (List<ProbePoint.Component> pre : prefixes) {
                    for (ProbePoint in : inner) {
                        List<ProbePoint.Component> c = new ArrayList<>(pre);
                        c.addAll(in.components());
                        expanded.add(c);
                    }
                }
                prefixes = expanded;
                lastGroup = inner;
                ProbePoint flagged = inner.stream().filter(p -> p.optional() || p.condition() != null).findFirst()
                        .orElse(null);
                t = peek();
                if (t != null && t.isOp(".") && flagged != null && suffixError == null) {
                    // stap names the first expanded point that has a suffix, by its first component: the one
                    // before the group ("x.{a!}.t": 'x'), or the inner point's own ("{a,b!}.t": 'b'); it reports
                    // it once the next component is read: after an error in it ("{s?}.(" fails at the '('), before
                    // anything after it ("{n?}.o(0)." fails at 'n', not at the end of the file)
                    suffixError = prefixFirst != null ? prefixFirst : flagged.start();
                    suffixArmed = false;
                }
            } else {
                ProbePoint.Component c = parseComponent();
                for (List<ProbePoint.Component> pre : prefixes) {
                    pre.add(c);
                }
                lastGroup = null;
            }
            if (suffixError != null) {
                if (suffixArmed) {
                    throw error("'?', '!' or condition must only be specified in suffix", suffixError);
                }
                suffixArmed = true;
            }
            t = peek();
            if (t != null && t.isOp(".")) {
                swallow();
                continue;
            }
            break;
        }
        if (suffixError != null) {
            throw error("'?', '!' or condition must only be specified in suffix", suffixError);
        }
        List<ProbePoint> out = new ArrayList<>(prefixes.size());
        if (lastGroup != null) {
            // the expansion is prefix-major: point i comes from the group's point i % n
            int n = lastGroup.size();
            for (int i = 0; i < prefixes.size(); i++) {
                ProbePoint g = lastGroup.get(i % n);
                out.add(new ProbePoint(List.copyOf(prefixes.get(i)), g.optional(), g.sufficient(), g.condition(), first));
            }
        } else {
            for (List<ProbePoint.Component> c : prefixes) {
                out.add(new ProbePoint(List.copyOf(c), false, false, null, first));
            }
        }
        return out;
    }

    private static boolean pieceToken(Token t) {
        return t != null && (t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD || t.isOp("*")
                || t.kind == Token.Kind.ARG_RAW);
    }

    private ProbePoint.Component parseComponent() {
        Token t = next();
        if (!pieceToken(t)) {
            throw error("expected identifier or '*' or '{'");
        }
        // a builder only when pieces are glued (rare): most components are one token
        String single = t.text;
        StringBuilder name = null;
        Token start = t;
        while (true) {
            Token p = peek();
            // stap glues pieces that its lexer saw without whitespace between them (input.ate_whitespace): a
            // token of a macro's expansion carries the flag of the file token read last (Preprocessor), those
            // pasted from a script argument their own: they were lexed in line with the file's text.
            if (p != null && !p.wsBefore && (pieceToken(p) || p.kind == Token.Kind.NUMBER)) {
                if (name == null) {
                    name = new StringBuilder(single);
                }
                name.append(p.text);
                swallow();
            } else {
                break;
            }
        }
        Object arg = null;
        Token p = peek();
        if (p != null && p.isOp("(")) {
            swallow();
            Expr lit = parseLiteral();
            if (lit instanceof Ast.NumLit n) {
                arg = n.value();
            } else if (lit instanceof Ast.StrLit str) {
                arg = str.value();
            } else {
                arg = new ProbePoint.ArgPlaceholder(lit.tok().text);
            }
            Token c = next();
            if (!c.isOp(")")) {
                throw error("expected ')'");
            }
        }
        return new ProbePoint.Component(name == null ? single : name.toString(), arg, start);
    }

    // ---------------------------------------------------------------- literals

    private Expr parseLiteral() {
        Token t = next();
        if (t.kind == Token.Kind.STRING) {
            return new Ast.StrLit(t, consumeStrings(t));
        }
        if (t.kind == Token.Kind.ARG_STRING) {
            consumeStrings(t);
            return new Ast.ArgRef(t, true);
        }
        if (t.kind == Token.Kind.ARG_RAW) {
            return new Ast.ArgRef(t, false);
        }
        boolean neg = false;
        Token first = t;
        if (t.isOp("-")) {
            neg = true;
            t = next();
        }
        if (t.kind == Token.Kind.NUMBER) {
            return new Ast.NumLit(first, number(t.text, neg));
        }
        if (neg && t.kind == Token.Kind.ARG_RAW) {
            return new Ast.ArgRef(t, false);
        }
        throw error("expected literal string or number");
    }

    /** Whether the last literal string read included a script argument (@1): its value is unknown. */
    private boolean stringHadArg;

    private String consumeStrings(Token t) {
        stringHadArg = t.kind == Token.Kind.ARG_STRING;
        Token n = peek();
        if (n == null || n.kind != Token.Kind.STRING && n.kind != Token.Kind.ARG_STRING) {
            return t.text;
        }
        StringBuilder b = new StringBuilder(t.text);
        while (n != null && (n.kind == Token.Kind.STRING || n.kind == Token.Kind.ARG_STRING)) {
            stringHadArg |= n.kind == Token.Kind.ARG_STRING;
            b.append(n.text);
            swallow();
            n = peek();
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- statements

    private Ast.Block parseBlock() {
        Token t = next();
        if (!t.isOp("{")) {
            throw error("expected '{'");
        }
        List<Stmt> stmts = new ArrayList<>();
        while (true) {
            Token p = peek();
            if (p != null && p.isOp("}")) {
                swallow();
                return new Ast.Block(t, stmts, p);
            }
            stmts.add(parseStatement());
        }
    }

    private Stmt parseStatement() {
        deeper();
        Stmt s = parseStatementAt();
        depth--;
        return s;
    }

    private Stmt parseStatementAt() {
        Token t = peek();
        if (t != null && t.isOp(";")) {
            next();
            return new Ast.Null(t);
        } else if (t != null && t.isOp("{")) {
            return parseBlock();
        } else if (t != null && t.isKeyword("try")) {
            return parseTry();
        } else if (t != null && t.isKeyword("if")) {
            return parseIf();
        } else if (t != null && t.isKeyword("for")) {
            return parseFor();
        } else if (t != null && t.isKeyword("foreach")) {
            return parseForeach();
        } else if (t != null && t.isKeyword("while")) {
            return parseWhile();
        }
        Stmt ret;
        if (t != null && t.isKeyword("return")) {
            next();
            if (context != Context.FUNCTION) {
                throw error("found 'return' not in function context");
            }
            Token p = peek();
            Expr value = p != null && (p.isOp(";") || p.isOp("}")) ? null : parseExpression();
            ret = new Ast.Return(t, value);
        } else if (t != null && t.isKeyword("delete")) {
            next();
            ret = new Ast.Delete(t, parseExpression());
        } else if (t != null && (t.isKeyword("break") || t.isKeyword("continue") || t.isKeyword("next"))) {
            next();
            ret = new Ast.Jump(t);
        } else if (t != null && (t.kind == Token.Kind.OPERATOR || t.kind == Token.Kind.IDENT
                || t.kind == Token.Kind.NUMBER || t.kind == Token.Kind.STRING || t.kind == Token.Kind.EMBEDDED
                || t.kind == Token.Kind.ARG_RAW || t.kind == Token.Kind.ARG_STRING)) {
            ret = new Ast.ExprStmt(t, parseExpression());
        } else {
            throw error("expected statement");
        }
        Token p = peek();
        if (p != null && p.isOp(";")) {
            swallow();
        }
        return ret;
    }

    private Stmt parseTry() {
        Token t = next();
        Ast.Block body = parseBlock();
        expectKw("catch");
        Token var = null;
        Token p = peek();
        if (p != null && p.isOp("(")) {
            swallow();
            var = next();
            if (var.kind != Token.Kind.IDENT) {
                throw error("expected identifier");
            }
            expectOp(")");
        }
        Ast.Block handler = parseBlock();
        return new Ast.Try(t, body, var, handler);
    }

    private Stmt parseIf() {
        Token t = next();
        Token p = next();
        if (!p.isOp("(")) {
            throw error("expected '('");
        }
        Expr cond = parseExpression();
        p = next();
        if (!p.isOp(")")) {
            throw error("expected ')'");
        }
        Stmt then = parseStatement();
        Stmt otherwise = null;
        p = peek();
        if (p != null && p.isKeyword("else")) {
            next();
            otherwise = parseStatement();
        }
        return new Ast.If(t, cond, then, otherwise);
    }

    private Stmt parseWhile() {
        Token t = next();
        Token p = next();
        if (!p.isOp("(")) {
            throw error("expected '('");
        }
        Expr cond = parseExpression();
        p = next();
        if (!p.isOp(")")) {
            throw error("expected ')'");
        }
        return new Ast.While(t, cond, parseStatement());
    }

    private Stmt parseFor() {
        Token t = next();
        Token p = next();
        if (!p.isOp("(")) {
            throw error("expected '('");
        }
        Stmt init = null;
        p = peek();
        if (p != null && p.isOp(";")) {
            swallow();
        } else {
            init = new Ast.ExprStmt(p, parseExpression());
            if (!next().isOp(";")) {
                throw error("expected ';'");
            }
        }
        Expr cond = null;
        p = peek();
        if (p != null && p.isOp(";")) {
            swallow();
        } else {
            cond = parseExpression();
            if (!next().isOp(";")) {
                throw error("expected ';'");
            }
        }
        Stmt incr = null;
        p = peek();
        if (p != null && p.isOp(")")) {
            swallow();
        } else {
            incr = new Ast.ExprStmt(p, parseExpression());
            if (!next().isOp(")")) {
                throw error("expected ')'");
            }
        }
        return new Ast.For(t, init, cond, incr, parseStatement());
    }

    private static final Set<String> STAT_OPS = Set.of("@avg", "@min", "@max", "@count", "@sum", "@variance");

    private Stmt parseForeach() {
        Token t = next();
        if (!next().isOp("(")) {
            throw error("expected '('");
        }
        Ast.Sym value = null;
        Token lookahead = null;
        boolean sort = false;
        int sortColumn = -1;
        String sortDir = null;
        String aggregate = null;
        String lookaheadSort = null;
        Token p = peek();
        if (p != null && p.kind == Token.Kind.IDENT) {
            next();
            lookahead = p;
            p = peek();
            if (p != null && (p.isOp("+") || p.isOp("-"))) {
                sort = true;
                lookaheadSort = p.text;
                swallow();
            }
            p = peek();
            if (p != null && p.isOp("=")) {
                swallow();
                value = new Ast.Sym(lookahead, lookahead.text);
                lookahead = null;
                if (lookaheadSort != null) {
                    sortColumn = 0;
                    sortDir = lookaheadSort;
                }
            }
        }
        List<Ast.Sym> keys = new ArrayList<>();
        boolean bracketed = false;
        p = peek();
        if (lookahead == null && p != null && p.isOp("[")) {
            swallow();
            bracketed = true;
        }
        if (lookahead != null) {
            keys.add(new Ast.Sym(lookahead, lookahead.text));
            if (lookaheadSort != null) {
                sortColumn = 1;
                sortDir = lookaheadSort;
            }
        } else {
            while (true) {
                Token k = next();
                if (k.kind != Token.Kind.IDENT) {
                    throw error("expected identifier");
                }
                keys.add(new Ast.Sym(k, k.text));
                p = peek();
                if (p != null && (p.isOp("+") || p.isOp("-"))) {
                    if (sort) {
                        throw error("multiple sort directives");
                    }
                    sort = true;
                    sortColumn = keys.size();
                    sortDir = p.text;
                    swallow();
                }
                if (bracketed) {
                    p = peek();
                    if (p != null && p.isOp(",")) {
                        swallow();
                        continue;
                    } else if (p != null && p.isOp("]")) {
                        swallow();
                        break;
                    } else {
                        throw error("expected ',' or ']'");
                    }
                }
                break;
            }
        }
        expectKw("in");
        Expr base = parseIndexable(true);
        List<Expr> slice = new ArrayList<>();
        p = peek();
        if (p != null && p.isOp("[")) {
            swallow();
            while (true) {
                p = peek();
                if (p != null && p.isOp("*")) {
                    swallow();
                    slice.add(null);
                } else {
                    slice.add(parseExpression());
                }
                Token s = next();
                if (s.isOp(",")) {
                    continue;
                } else if (s.isOp("]")) {
                    break;
                }
                throw error("expected ',' or ']'");
            }
        }
        p = peek();
        if (p != null && p.kind == Token.Kind.OPERATOR && p.text.startsWith("@")) {
            if (!STAT_OPS.contains(p.text)) {
                throw error("expected statistical operation");
            }
            aggregate = p.text;
            swallow();
            p = peek();
            if (p == null || !(p.isOp("+") || p.isOp("-"))) {
                throw error("expected sort directive");
            }
        }
        p = peek();
        if (p != null && (p.isOp("+") || p.isOp("-"))) {
            if (sort) {
                throw error("multiple sort directives");
            }
            sort = true;
            sortColumn = 0;
            sortDir = p.text;
            swallow();
        }
        Expr limit = null;
        p = peek();
        if (p != null && p.isKeyword("limit")) {
            swallow();
            limit = parseExpression();
        }
        if (!next().isOp(")")) {
            throw error("expected ')'");
        }
        return new Ast.Foreach(t, value, keys, base, slice, aggregate, sortColumn, sortDir, limit, parseStatement());
    }

    /** An array name or a histogram operator (foreach and 'in'). */
    private Expr parseIndexable(boolean foreach) {
        // parse_hist_op_or_bare_name reads the token with next(), never peeks: at the end of the file, the
        // error names the token before it
        Token t = next();
        if (t.isOp("@hist_linear") || t.isOp("@hist_log")) {
            return parseHistOpRest(t);
        }
        // expect_ident_or_atword: an @-word is a name too ("1 in @foo" parses; verified with stap -p1)
        if (t.kind != Token.Kind.IDENT && !(t.kind == Token.Kind.OPERATOR && t.text.startsWith("@"))) {
            // parse_indexable's one message, after "in" in a foreach and in an expression alike
            throw error("expected identifier or statistical operation");
        }
        return new Ast.Sym(t, t.text);
    }

    private Ast.HistOp parseHistOp() {
        return parseHistOpRest(next());
    }

    private Ast.HistOp parseHistOpRest(Token t) {
        expectOp("(");
        Expr stat = parseExpression();
        List<Long> params = new ArrayList<>();
        if (t.text.equals("@hist_linear")) {
            for (int i = 0; i < 3; i++) {
                expectOp(",");
                params.add(expectNumber());
            }
        }
        expectOp(")");
        return new Ast.HistOp(t, t.text, stat, params);
    }

    // ---------------------------------------------------------------- expressions

    public Expr parseExpression() {
        deeper();
        Expr e = parseAssignment();
        depth--;
        return e;
    }

    /**
     * How deep the tree being built is: one level a nested expression, statement, probe point group, unary
     * operator or binary operator of a chain. stap's own recursive parser and the passes after it crash (SIGSEGV)
     * on deep nesting (10,000 parentheses, 100,000 blocks); tapls stops at {@link #MAX_DEPTH} with a plain error,
     * so that no tree it builds is too deep for the checks that walk it. Reset at each top-level declaration.
     */
    private int depth;
    public static final int MAX_DEPTH = 1000;

    private void deeper() {
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw error("nesting too deep: more than " + MAX_DEPTH + " levels of parentheses, blocks, statements"
                    + " or operators");
        }
    }

    private static final Set<String> ASSIGN_OPS = Set.of("=", "<<<", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=",
            "&=", "^=", "|=", ".=");

    private Expr parseAssignment() {
        Expr left = parseTernary();
        Token t = peek();
        if (t != null && t.kind == Token.Kind.OPERATOR && ASSIGN_OPS.contains(t.text)) {
            next();
            Expr right = parseExpression();
            return new Ast.Binary(t, Ast.BinKind.ASSIGN, t.text, left, right);
        }
        return left;
    }

    private Expr parseTernary() {
        Expr cond = parseLogicalOr();
        Token t = peek();
        if (t != null && t.isOp("?")) {
            next();
            Expr whenTrue = parseExpression();
            if (!next().isOp(":")) {
                throw error("expected ':'");
            }
            deeper();
            Expr whenFalse = parseTernary();
            depth--;
            return new Ast.Ternary(t, cond, whenTrue, whenFalse);
        }
        return cond;
    }

    private Expr parseLogicalOr() {
        Expr e = parseLogicalAnd();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && t.isOp("||"); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.LOGICAL, t.text, e, parseLogicalAnd());
        }
        depth -= chain;
        return e;
    }

    private Expr parseLogicalAnd() {
        Expr e = parseBooleanOr();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && t.isOp("&&"); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.LOGICAL, t.text, e, parseBooleanOr());
        }
        depth -= chain;
        return e;
    }

    private Expr parseBooleanOr() {
        Expr e = parseBooleanXor();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && t.isOp("|"); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.BITWISE, t.text, e, parseBooleanXor());
        }
        depth -= chain;
        return e;
    }

    private Expr parseBooleanXor() {
        Expr e = parseBooleanAnd();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && t.isOp("^"); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.BITWISE, t.text, e, parseBooleanAnd());
        }
        depth -= chain;
        return e;
    }

    private Expr parseBooleanAnd() {
        Expr e = parseArrayIn();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && t.isOp("&"); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.BITWISE, t.text, e, parseArrayIn());
        }
        depth -= chain;
        return e;
    }

    private Expr parseArrayIn() {
        Token t = peek();
        Token first = t;
        if (t == null || !t.isOp("[")) {
            // parse.cxx parse_array_in without '[': one expression, then 'in' or not. Every expression of a
            // script comes through here, so no list unless it is an 'in' (a list made for each one was a tenth
            // of what a big file's parse allocated).
            Expr e = parseComparison();
            t = peek();
            if (t != null && t.isKeyword("in")) {
                next();
                Expr base = parseIndexable(false);
                List<Expr> one = new ArrayList<>(1);
                one.add(e);
                return new Ast.ArrayIn(t, one, base);
            }
            return e;
        }
        List<Expr> indexes = new ArrayList<>();
        swallow();
        boolean bracketed = true;
        while (true) {
            t = peek();
            if (bracketed && t != null && t.isOp("*")) {
                swallow();
                indexes.add(null);
            } else {
                indexes.add(parseComparison());
            }
            if (bracketed) {
                t = peek();
                if (t != null && t.isOp(",")) {
                    swallow();
                    continue;
                } else if (t != null && t.isOp("]")) {
                    swallow();
                    break;
                }
                throw error("expected ',' or ']'");
            }
            break;
        }
        t = peek();
        if (t != null && t.isKeyword("in")) {
            next();
            Expr base = parseIndexable(false);
            return new Ast.ArrayIn(t, indexes, base);
        }
        if (indexes.size() == 1) {
            Expr e = indexes.get(0);
            return e != null ? e : new Ast.Sym(first, "*");
        }
        throw error("unexpected comma-separated expression list");
    }

    private static final Set<String> CMP_OPS = Set.of("<", ">", "<=", ">=", "==", "!=");

    private Expr parseComparison() {
        Expr e = parseShift();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        Token t = peek();
        if (t != null && (t.isOp("=~") || t.isOp("!~"))) {
            swallow();
            Token r = next();
            if (r.kind != Token.Kind.STRING && r.kind != Token.Kind.ARG_STRING) {
                throw error("expected literal string");
            }
            return new Ast.Regex(t, e, t.text, consumeStrings(r), r);
        }
        while (t != null && t.kind == Token.Kind.OPERATOR && CMP_OPS.contains(t.text)) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.COMPARISON, t.text, e, parseShift());
            t = peek();
        }
        depth -= chain;
        return e;
    }

    private Expr parseShift() {
        Expr e = parseConcatenation();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && (t.isOp("<<") || t.isOp(">>") || t.isOp(">>>")); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.SHIFT, t.text, e, parseConcatenation());
        }
        depth -= chain;
        return e;
    }

    private Expr parseConcatenation() {
        Expr e = parseAdditive();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && t.isOp("."); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.CONCAT, t.text, e, parseAdditive());
        }
        depth -= chain;
        return e;
    }

    private Expr parseAdditive() {
        Expr e = parseMultiplicative();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && (t.isOp("+") || t.isOp("-")); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.ARITH, t.text, e, parseMultiplicative());
        }
        depth -= chain;
        return e;
    }

    private Expr parseMultiplicative() {
        Expr e = parseUnary();
        int chain = 0; // the tree gets one level deeper with each operator (left-deep)
        for (Token t = peek(); t != null && (t.isOp("*") || t.isOp("/") || t.isOp("%")); t = peek()) {
            next();
            deeper();
            chain++;
            e = new Ast.Binary(t, Ast.BinKind.ARITH, t.text, e, parseUnary());
        }
        depth -= chain;
        return e;
    }

    private Expr parseUnary() {
        Token t = peek();
        if (t != null && (t.isOp("+") || t.isOp("-") || t.isOp("!") || t.isOp("~"))) {
            next();
            deeper();
            Expr operand = parseUnary();
            depth--;
            return new Ast.Unary(t, t.text, operand);
        }
        return parseCrement();
    }

    private Expr parseCrement() {
        Token t = peek();
        if (t != null && (t.isOp("++") || t.isOp("--"))) {
            next();
            return new Ast.Crement(t, t.text, true, parseDwarfValue());
        }
        Expr e = parseDwarfValue();
        t = peek();
        if (t != null && (t.isOp("++") || t.isOp("--"))) {
            next();
            return new Ast.Crement(t, t.text, false, e);
        }
        return e;
    }

    private Expr parseDwarfValue() {
        Token addr = null;
        if (peekOp("&")) {
            addr = next();
        }
        Token t = peek();
        Ast.Target target;
        if (t != null && t.kind == Token.Kind.IDENT && t.text.startsWith("$")) {
            next();
            // $var$ / $var$$: the trailing '$'s are a pretty-print component, not part of the name
            String name = t.text;
            int pos = lastNotDollar(name);
            if (pos > 0 && pos < name.length() - 1) {
                String pv = name.substring(pos + 1);
                if (pv.equals("$") || pv.equals("$$")) {
                    name = name.substring(0, pos + 1);
                }
            }
            target = new Ast.Target(t, "$", name, null, List.of(), new ArrayList<>(), addr != null);
            if (!name.equals(t.text)) {
                target.components().add(new Ast.Component(t, null, null, t.text.substring(name.length())));
                if (peekOp("->") || peekOp("[")) {
                    throw error("-> and [ are not accepted for a pretty-printing variable");
                }
                return target;
            }
        } else if (t != null && t.isOp("@cast")) {
            next();
            expectOp("(");
            Expr operand = parseExpression();
            expectOp(",");
            List<String> strings = new ArrayList<>();
            strings.add(expectString());
            if (peekOp(",")) {
                swallow();
                strings.add(expectString());
            }
            expectOp(")");
            target = new Ast.Target(t, "@cast", "@cast", operand, strings, new ArrayList<>(), addr != null);
        } else if (t != null && t.isOp("@var")) {
            next();
            expectOp("(");
            List<String> strings = new ArrayList<>();
            strings.add(expectString());
            if (peekOp(",")) {
                swallow();
                strings.add(expectString());
            }
            expectOp(")");
            target = new Ast.Target(t, "@var", "@var", null, strings, new ArrayList<>(), addr != null);
        } else {
            Expr v = parseValue();
            // peek_target_symbol_components: '->', '[' or a pretty-print ('$', '$$', any run of '$') after any
            // value makes it an autocast target ("b $" is (b)->$, not b followed by a statement $)
            if (addr == null && !peekOp("->") && !peekOp("[") && !peekPrettyPrint()) {
                return v;
            }
            target = new Ast.Target(addr != null ? addr : peek(), "autocast", null, v, List.of(), new ArrayList<>(),
                    addr != null);
        }
        parseTargetComponents(target);
        return target;
    }

    private void parseTargetComponents(Ast.Target e) {
        boolean pprint = false;
        List<Ast.Component> comps = e.components();
        String base = e.name();
        if (base != null && e.kind().equals("$")) {
            int pos = lastNotDollar(base);
            if (pos > 0 && pos < base.length() - 1) {
                String pv = base.substring(pos + 1);
                if (pv.equals("$") || pv.equals("$$")) {
                    comps.add(new Ast.Component(e.tok(), null, null, pv));
                    pprint = true;
                }
            }
        }
        while (!pprint) {
            if (peekOp("->")) {
                Token arrow = next();
                Token m = next();
                if (m.kind != Token.Kind.IDENT && m.kind != Token.Kind.KEYWORD) {
                    throw error("expected identifier or keyword");
                }
                String member = m.text;
                int pos = lastNotDollar(member);
                String pv = null;
                if (pos < 0 || pos < member.length() - 1) {
                    pv = member.substring(pos + 1);
                    member = member.substring(0, pos + 1);
                    pprint = true;
                }
                if (!member.isEmpty()) {
                    comps.add(new Ast.Component(arrow, member, null, null));
                }
                if (pprint) {
                    comps.add(new Ast.Component(arrow, null, null, pv));
                }
            } else if (peekOp("[")) {
                Token b = next();
                Expr index = parseExpression();
                comps.add(new Ast.Component(b, null, index, null));
                expectOp("]");
            } else {
                break;
            }
        }
        if (!pprint) {
            Token t = peek();
            if (peekPrettyPrint()) {
                next();
                comps.add(new Ast.Component(t, null, null, t.text));
                pprint = true;
            }
        }
        if (pprint && (peekOp("->") || peekOp("["))) {
            throw error("-> and [ are not accepted for a pretty-printing variable");
        }
    }

    /** The next token is an identifier made of '$' alone: a pretty-print suffix ($, $$, or more). */
    private boolean peekPrettyPrint() {
        Token t = peek();
        return t != null && t.kind == Token.Kind.IDENT && lastNotDollar(t.text) < 0;
    }

    private static int lastNotDollar(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) != '$') {
                return i;
            }
        }
        return -1;
    }

    private Expr parseValue() {
        Token t = peek();
        if (t == null) {
            throw error("expected value");
        }
        if (t.kind == Token.Kind.EMBEDDED) {
            next();
            return new Ast.EmbeddedExpr(t, t.text);
        }
        if (t.isOp("(")) {
            swallow();
            Expr e = parseExpression();
            if (!next().isOp(")")) {
                throw error("expected ')'");
            }
            return e;
        }
        // parse_value: any operator token starting with '@' goes to parse_symbol, a lone '@' too ("unknown
        // operator @"; $1 = "@" pastes one)
        if (t.kind == Token.Kind.IDENT || t.kind == Token.Kind.OPERATOR && t.text.startsWith("@")) {
            return parseSymbol();
        }
        return parseLiteral();
    }

    private static final Set<String> PRINT_NAMES = Set.of("print", "println", "printd", "printdln", "printf",
            "sprint", "sprintln", "sprintd", "sprintdln", "sprintf", "print_char");

    private Expr parseSymbol() {
        Token t = peek();
        String name = t.text;
        if (name.startsWith("@")) {
            switch (name) {
                case "@defined", "@entry" -> {
                    next();
                    expectOp("(");
                    Expr e = parseExpression();
                    expectOp(")");
                    return new Ast.AtOp(t, name, List.of(e));
                }
                case "@probewrite" -> {
                    next();
                    expectOp("(");
                    Token id = next();
                    if (id.kind != Token.Kind.IDENT) {
                        throw error("expected identifier");
                    }
                    expectOp(")");
                    return new Ast.AtOp(t, name, List.of(new Ast.Sym(id, id.text)));
                }
                case "@const" -> {
                    next();
                    expectOp("(");
                    String s = expectString();
                    expectOp(")");
                    return new Ast.AtOp(t, name, List.of(new Ast.StrLit(t, s)));
                }
                case "@perf" -> {
                    next();
                    expectOp("(");
                    Token s = next();
                    if (s.kind != Token.Kind.STRING) {
                        throw error("expected literal string");
                    }
                    String perf = consumeStrings(s);
                    expectOp(")");
                    return new Ast.AtOp(t, name, List.of(new Ast.StrLit(s, perf)));
                }
                case "@kregister", "@uregister" -> {
                    next();
                    expectOp("(");
                    long n = expectNumber();
                    expectOp(")");
                    return new Ast.AtOp(t, name, List.of(new Ast.NumLit(t, n)));
                }
                case "@kderef", "@uderef" -> {
                    next();
                    expectOp("(");
                    long n = expectNumber();
                    expectOp(",");
                    Expr e = parseExpression();
                    expectOp(")");
                    return new Ast.AtOp(t, name, List.of(new Ast.NumLit(t, n), e));
                }
                case "@hist_linear", "@hist_log" -> {
                    Ast.HistOp h = parseHistOp();
                    if (peekOp("[")) {
                        return parseIndex(t, h);
                    }
                    throw error("base histogram operator where expression expected", t);
                }
                default -> {
                    next();
                    if (!STAT_OPS.contains(name)) {
                        throw error("unknown operator " + name);
                    }
                    expectOp("(");
                    Expr stat = parseExpression();
                    // stap 4.8 then reads on to the next ')', whatever comes before it ("@min(x])" and
                    // "@avg(x "a")" parse as @min(x) and @avg(x)), but for a ',': @variance's one parameter, a
                    // number ("@variance(x 2, )" fails at the ')'), an error for the others (verified with
                    // stap -p1); at the end of the file, "unexpected end-of-file" at the last token read
                    Long param = null;
                    Token read = lastT;
                    while (true) {
                        Token p = peek();
                        if (p == null) {
                            throw new ParseError("unexpected end-of-file", read, true);
                        }
                        if (p.isOp(")")) {
                            next();
                            break;
                        }
                        if (p.isOp(",")) {
                            if (!name.equals("@variance")) {
                                throw error("not more than 1 parameter allowed", p);
                            }
                            if (param != null) {
                                throw error("not more than 2 parameters allowed", p);
                            }
                            swallow();
                            param = expectNumber();
                            read = lastT;
                            continue;
                        }
                        read = next();
                    }
                    return new Ast.StatOp(t, name, stat, param);
                }
            }
        }
        next();
        if (PRINT_NAMES.contains(name)) {
            return parsePrint(t);
        }
        if (peekOp("(")) {
            swallow();
            List<Expr> args = new ArrayList<>();
            if (peekOp(")")) {
                swallow();
                return new Ast.Call(t, name, args);
            }
            while (true) {
                args.add(parseExpression());
                Token s = next();
                if (s.isOp(")")) {
                    break;
                } else if (s.isOp(",")) {
                    continue;
                }
                throw error("expected one of ') ,'");
            }
            return new Ast.Call(t, name, args);
        }
        Ast.Sym sym = new Ast.Sym(t, name);
        if (peekOp("[")) {
            return parseIndex(t, sym);
        }
        return sym;
    }

    private Expr parseIndex(Token t, Expr base) {
        swallow();
        List<Expr> idx = new ArrayList<>();
        while (true) {
            if (peekOp("*")) {
                swallow();
                idx.add(null);
            } else {
                idx.add(parseExpression());
            }
            Token s = next();
            if (s.isOp("]")) {
                break;
            } else if (s.isOp(",")) {
                continue;
            }
            throw error("expected one of '] ,'");
        }
        return new Ast.Index(t, base, idx);
    }

    private Expr parsePrint(Token t) {
        String name = t.text;
        String n = name.startsWith("s") ? name.substring(1) : name;
        boolean withFormat = n.equals("printf");
        boolean withDelim = n.equals("printd") || n.equals("printdln");
        boolean withNewline = n.endsWith("ln");
        expectOp("(");
        String format = null;
        Token formatTok = null;
        String delim = null;
        boolean consumed = false;
        int minArgs = 0;
        if (withFormat) {
            Token f = next();
            if (f.kind != Token.Kind.STRING && f.kind != Token.Kind.ARG_STRING) {
                throw error("expected literal string");
            }
            formatTok = f;
            format = consumeStrings(f);
            boolean fromArgs = stringHadArg;
            String problem = fromArgs ? null : PrintFormat.syntaxError(format);
            if (fromArgs) {
                format = null;
            }
            if (problem != null) {
                throw error(problem, f);
            }
            consumed = true;
        } else if (withDelim) {
            Token f = next();
            if (f.kind != Token.Kind.STRING && f.kind != Token.Kind.ARG_STRING) {
                throw error("expected literal string");
            }
            formatTok = f;
            delim = consumeStrings(f);
            consumed = true;
            minArgs = 2;
        } else if (!withNewline) {
            minArgs = 1;
        }
        List<Expr> args = new ArrayList<>();
        Ast.HistOp hist = null;
        while (true) {
            if (args.size() >= minArgs && peekOp(")")) {
                break;
            }
            if (consumed) {
                // expect_op_any: ',' or ')' is read whatever follows; a ')' while arguments are missing is taken
                // as a separator (printd(",", 1) then fails on the token after it); anything else fails here.
                // At the end of the file, next() gives "unexpected end-of-file".
                Token sep = next();
                if (!sep.isOp(",") && !sep.isOp(")")) {
                    throw error("expected one of ', )'");
                }
                lastT = null;
            }
            // (print_char takes a value, never a histogram: verified with stap -p1)
            if (!consumed && !name.equals("print_char") && (peekOp("@hist_linear") || peekOp("@hist_log"))) {
                // parse.cxx's print_format: a histogram (or one of its buckets) as the first argument of print,
                // println, sprint or sprintln is read apart from expressions: a histogram is printed alone, the
                // call must end right after it ("expected ')'"), and a bucket is not continued ("@hist_log(x)[0]
                // + 1" fails). Anywhere else it is an expression, parse_symbol's ("base histogram operator
                // where expression expected" for a histogram).
                Token h = peek();
                Ast.HistOp op = parseHistOp();
                if (peekOp("[")) {
                    args.add(parseIndex(h, op));
                } else {
                    hist = op;
                    args.add(op);
                    break;
                }
            } else {
                args.add(parseExpression());
            }
            consumed = true;
        }
        expectOp(")");
        if (hist != null) {
            args.remove(hist);
        }
        return new Ast.PrintFormat(t, name, format, formatTok, delim, args, hist);
    }
}
