package io.tapls.stap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * stap's two interleaved preprocessor passes over one file's tokens (parse.cxx scan_pp1 / scan_pp):
 * macro definitions and invocations, then %( COND %? ... %: ... %) conditionals. Which branch of a
 * conditional is kept is decided by a {@link Policy}: the evaluated one for the primary parse, another
 * one for the parses that cover the other branches.
 */
public final class Preprocessor {
    /** Chooses a conditional's branch; {@code evaluated} is what the condition gives for the config. */
    public interface Policy {
        boolean decide(Token open, boolean evaluated);
    }

    public static final Policy EVALUATE = (open, evaluated) -> evaluated;

    /** What one parse saw of a conditional. */
    public static final class CondInfo {
        public final Token open;
        public String condition = "";
        public boolean evaluated;
        public boolean taken;
        public boolean hasElse;
        public int thenTokens;
        public int elseTokens;
        /** The enclosing conditional of the same file (its %( offset) and branch, or -1. */
        public int parentStart = -1;
        public boolean parentBranch;

        CondInfo(Token open) {
            this.open = open;
        }
    }

    private static final class Arg {
        final List<Token> toks;
        final Map<String, Arg> env;

        Arg(List<Token> toks, Map<String, Arg> env) {
            this.toks = toks;
            this.env = env;
        }
    }

    private static final class Frame {
        final List<Token> toks;
        int pos;
        /** The file's tokens as they are lexed (toks null), and the one lexed ahead (null: the end). */
        final StapScanner.Stream stream;
        Token ahead;
        final Map<String, Arg> params;
        final Token site;
        final boolean macroBody;

        Frame(StapScanner.Stream stream) {
            this.toks = null;
            this.stream = stream;
            this.ahead = stream.next();
            this.params = Map.of();
            this.site = null;
            this.macroBody = false;
        }

        boolean has() {
            return toks == null ? ahead != null : pos < toks.size();
        }

        Token take() {
            if (toks == null) {
                Token t = ahead;
                ahead = stream.next();
                return t;
            }
            return toks.get(pos++);
        }

        Frame(List<Token> toks, Map<String, Arg> params, Token site, boolean macroBody) {
            this.stream = null;
            this.toks = toks;
            this.params = params;
            this.site = site;
            this.macroBody = macroBody;
        }
    }

    private enum State { KEEP_THEN, SKIP_THEN, KEEP_ELSE, SKIP_ELSE }

    private static final class PpState {
        final Token open;
        State state;
        final CondInfo info;
        Guard guard;
        final Guard outer;

        PpState(Token open, State state, CondInfo info, Guard outer) {
            this.open = open;
            this.state = state;
            this.info = info;
            this.outer = outer;
        }
    }

    /** Nested macro expansions allowed (the library nests a few levels); beyond, a macro invokes itself. */
    private static final int MAX_EXPANSION_DEPTH = 1000;

    private final SourceUnit unit;
    private final List<Frame> frames = new ArrayList<>();
    private Frame lastFrame;
    private final Map<String, MacroDef> fileMacros = new LinkedHashMap<>();
    private final Map<String, MacroDef> libraryMacros;
    private final List<PpState> ppStack = new ArrayList<>();
    private final PpConfig config;
    private final Policy policy;
    /** Conditionals of the parsed file seen in this run, by the offset of their %( token. */
    public final Map<Integer, CondInfo> conditionals = new LinkedHashMap<>();
    /** How many tokens this run has passed on to the parser. */
    public int emitted;
    /** Warnings (macro redefines a built-in, '}%'). */
    public final List<ParseError> warnings = new ArrayList<>();

    public Preprocessor(SourceUnit unit, List<Token> tokens, Map<String, MacroDef> libraryMacros, PpConfig config,
            Policy policy) {
        this.unit = unit;
        this.libraryMacros = libraryMacros == null ? Map.of() : libraryMacros;
        this.config = config;
        this.policy = policy;
        frames.add(new Frame(tokens, Map.of(), null, false));
    }

    /** A file whose tokens are taken from the scanner as the parse asks for them (see StapScanner.Stream). */
    Preprocessor(SourceUnit unit, StapScanner.Stream tokens, Map<String, MacroDef> libraryMacros, PpConfig config,
            Policy policy) {
        this.unit = unit;
        this.libraryMacros = libraryMacros == null ? Map.of() : libraryMacros;
        this.config = config;
        this.policy = policy;
        frames.add(new Frame(tokens));
    }

    public Map<String, MacroDef> fileMacros() {
        return fileMacros;
    }

    private Guard currentGuard() {
        return ppStack.isEmpty() ? null : ppStack.get(ppStack.size() - 1).guard;
    }

    // ---- pass 1: raw tokens and macros

    /**
     * Whether whitespace came before the token of the file read last: stap's input.ate_whitespace, which a token
     * of a macro's body or argument (read from the macro, not lexed) inherits. So "probe a.x@m" with m = "begin"
     * is a.xbegin, as in stap, and "a.x @m" is two pieces.
     */
    private boolean fileWsBefore = true;

    private Token nextPp1() {
        while (true) {
            Frame f = frames.get(frames.size() - 1);
            if (f.has()) {
                lastFrame = f;
                Token t = f.take();
                if (frames.size() == 1) {
                    fileWsBefore = t.wsBefore;
                }
                return f.site == null ? t : t.withContext(f.site, null, fileWsBefore);
            }
            if (frames.size() == 1) {
                lastFrame = f;
                return null;
            }
            frames.remove(frames.size() - 1);
        }
    }

    /**
     * The next token of the current source only: at the end of a macro's body (or argument) null, as stap's
     * next_pp1 gives 0 there without leaving the activation. An invocation's arguments are read so: "@m(" at the
     * end of a body does not take its arguments from after the outer invocation ("could not find end of macro
     * invocation", verified with stap -p1).
     */
    private Token nextInSource() {
        Frame f = frames.get(frames.size() - 1);
        if (!f.has() && frames.size() > 1) {
            return null;
        }
        return nextPp1();
    }

    /** A raw token of the file itself (what stap's input.scan() gives while reading a @define). */
    private Token rawFile() {
        Frame f = frames.get(0);
        if (!f.has()) {
            return null;
        }
        Token t = f.take();
        fileWsBefore = t.wsBefore;
        return t;
    }

    private Token scanPp1(boolean skipping) {
        return scanPp1(skipping, false);
    }

    /**
     * {@code keepJunk}: return a junk token instead of reporting it. A condition's tokens are read that way:
     * stap evaluates "l op r" first, and only an error found at the junk token itself gets the junk's message
     * (so {@code %( 1 == $5 %?} without $5 is stap's "expected 'arch', ..." at the 1).
     */
    /**
     * {@code skipping}: reading a branch not taken (stap's skip_pp, scan_pp1(true)): an @define there is not
     * registered (PR18462), but macros are still expanded, their bodies and arguments counted with the branch
     * (an expansion's '%)' or '%?' counts: verified with stap -p1), their errors ignored by the caller.
     */
    private Token scanPp1(boolean skipping, boolean keepJunk) {
        while (true) {
            Token t = nextPp1();
            if (t == null) {
                return null;
            }
            if (t.kind == Token.Kind.JUNK && t.junkMessage != null) {
                if (keepJunk) {
                    return t;
                }
                throw new ParseError(t.junkMessage, t, false);
            }
            if (t.kind != Token.Kind.OPERATOR || t.text.length() < 2 || t.text.charAt(0) != '@') {
                return t;
            }
            if (t.text.equals("@define")) {
                if (skipping) {
                    return t;
                }
                if (frames.size() > 1) {
                    throw new ParseError("'@define' forbidden inside macro body", t, false);
                }
                defineMacro();
                continue;
            }
            String name = t.text.substring(1);
            Frame from = lastFrame;
            Arg param = from.params.get(name);
            if (frames.size() > MAX_EXPANSION_DEPTH) {
                // A macro that invokes itself (@define m %( 1 + @m %), or $1 = "@m" inside m) expands for
                // ever; stap itself never returns. Drop the expansion and report it at the invocation.
                frames.subList(1, frames.size()).clear();
                throw new ParseError("macro expansion nested more than " + MAX_EXPANSION_DEPTH
                        + " levels deep: does '@" + name + "' invoke itself?", t, false);
            }
            if (param != null) {
                frames.add(new Frame(param.toks, param.env, siteOf(from, t), false));
                continue;
            }
            MacroDef def = fileMacros.get(name);
            if (def == null) {
                def = libraryMacros.get(name);
            }
            if (def == null) {
                return t;
            }
            int n = def.params().size();
            Map<String, Arg> args = n == 0 ? Map.of() : new HashMap<>(); // most invocations take no parameter
            if (n > 0) {
                Token open = nextInSource();
                if (open == null || !open.isOp("(")) {
                    // at an unterminated string, the lexer's message (from a 10-minute fuzz run)
                    throw junkOr("expected '(' in invocation of macro '@" + name + "' taking " + n
                            + (n == 1 ? " parameter" : " parameters"), open);
                }
                for (int i = 0; i < n; i++) {
                    List<Token> toks = new ArrayList<>();
                    int depth = 0;
                    Token x;
                    while (true) {
                        x = nextInSource();
                        if (x == null) {
                            throw new ParseError("could not find end of macro invocation", t, false);
                        }
                        if (depth == 0 && (x.isOp(",") || x.isOp(")"))) {
                            break;
                        }
                        // slurp_pp1_param: one count for both kinds of bracket, and a closing one outside any
                        // is just a token of the parameter ("@m(a])" passes "a]"; verified with stap -p1)
                        if (x.isOp("(") || x.isOp("[")) {
                            depth++;
                        } else if ((x.isOp(")") || x.isOp("]")) && depth > 0) {
                            depth--;
                        }
                        toks.add(x);
                    }
                    if (x.isOp(")") && i < n - 1) {
                        throw new ParseError("too few parameters for macro '@" + name + "' (expected " + n + ")", x,
                                false);
                    }
                    if (x.isOp(",") && i == n - 1) {
                        throw new ParseError("too many parameters for macro '@" + name + "' (expected " + n + ")", x,
                                false);
                    }
                    args.put(def.params().get(i), new Arg(toks, from.params));
                }
            }
            frames.add(new Frame(def.body(), args, siteOf(from, t), true));
        }
    }

    /**
     * Where an expansion's tokens are shown: the outermost invocation in the parsed file. An invocation
     * pasted in from a script argument ($1 = "@m") is shown at its $1.
     */
    private static Token siteOf(Frame from, Token invocation) {
        return from.site != null ? from.site : invocation.site != null ? invocation.site : invocation;
    }

    /**
     * An error at a token read raw from the file: at a junk token (an unterminated string or embedded block) stap's
     * print_error shows the lexer's deferred message instead ("Could not find matching closing quote").
     */
    private static ParseError junkOr(String message, Token t) {
        if (t != null && t.kind == Token.Kind.JUNK && t.junkMessage != null) {
            return new ParseError(t.junkMessage, t, false);
        }
        return new ParseError(message, t, false);
    }

    private void defineMacro() {
        Token t = rawFile();
        if (t != null && t.kind == Token.Kind.JUNK && t.junkMessage != null) {
            throw new ParseError(t.junkMessage, t, false);
        }
        if (t == null || t.kind != Token.Kind.IDENT) {
            throw junkOr("expected identifier", t);
        }
        String name = t.text;
        MacroDef previous = fileMacros.get(name);
        if (previous != null) {
            throw new ParseError("attempt to redefine macro '@" + name + "' in the same file", t, false);
        }
        if (name.equals("define")) {
            throw new ParseError("attempt to redefine '@define'", t, false);
        }
        if (BUILTIN_AT.contains("@" + name)) {
            warnings.add(new ParseError("macro redefines built-in operator '@" + name + "'", t, false));
        }
        Token nameTok = t;
        List<String> params = new ArrayList<>();
        t = rawFile();
        boolean sawParams = t != null && t.isOp("(");
        if (sawParams) {
            while (true) {
                t = rawFile();
                if (t == null || t.kind != Token.Kind.IDENT) {
                    throw junkOr("expected identifier", t);
                }
                params.add(t.text);
                t = rawFile();
                if (t != null && t.isOp(",")) {
                    continue;
                } else if (t != null && t.isOp(")")) {
                    t = rawFile();
                    break;
                } else {
                    throw junkOr("expected ',' or ')'", t);
                }
            }
        }
        if (t == null || !t.isOp("%(")) {
            throw junkOr(sawParams ? "expected '%('" : "expected '%(' or '('", t);
        }
        List<Token> body = new ArrayList<>();
        int nesting = 0;
        while (true) {
            t = rawFile();
            if (t == null) {
                throw new ParseError("incomplete macro definition - missing '%)'", nameTok, false);
            }
            if (t.isOp("%(")) {
                nesting++;
            } else if (t.isOp("%)")) {
                if (nesting == 0) {
                    break;
                }
                nesting--;
            }
            // an @define in the body is an error only when the body is expanded (scanPp1): stap's slurp_pp1_body
            // takes it, so a macro that is never used may hold one
            body.add(t);
        }
        fileMacros.put(name, new MacroDef(name, List.copyOf(params), body, nameTok, currentGuard()));
    }

    static final java.util.Set<String> BUILTIN_AT = java.util.Set.of("@cast", "@defined", "@probewrite", "@entry",
            "@perf", "@var", "@avg", "@count", "@sum", "@min", "@max", "@hist_linear", "@hist_log", "@const",
            "@variance", "@kregister", "@uregister", "@kderef", "@uderef");

    // ---- pass 2: conditionals

    /** The next token after preprocessing, or null at the end of the file. */
    public Token next() {
        while (true) {
            PpState top = ppStack.isEmpty() ? null : ppStack.get(ppStack.size() - 1);
            State pp = top == null ? null : top.state;
            Token t;
            if (pp == State.SKIP_THEN || pp == State.SKIP_ELSE) {
                t = skipPp(top);
            } else {
                t = scanPp1(false);
            }
            if (t == null) {
                if (top != null) {
                    ppStack.remove(ppStack.size() - 1);
                    throw new ParseError("incomplete conditional at end of file", top.open, false);
                }
                return null;
            }
            if (t.isOp("%?")) {
                throw new ParseError("incomplete conditional - missing '%('", t, false);
            }
            if (t.isOp("%:")) {
                if (top == null) {
                    throw new ParseError("incomplete conditional - missing '%('", t, false);
                }
                if (pp == State.KEEP_ELSE || pp == State.SKIP_ELSE) {
                    throw new ParseError("invalid conditional - duplicate '%:'", t, false);
                }
                top.info.hasElse = true;
                top.state = pp == State.KEEP_THEN ? State.SKIP_ELSE : State.KEEP_ELSE;
                top.guard = new Guard(top.open, top.info.condition, false, top.outer);
                continue;
            }
            if (t.isOp("%)")) {
                if (top == null) {
                    throw new ParseError("incomplete conditional - missing '%('", t, false);
                }
                ppStack.remove(ppStack.size() - 1);
                continue;
            }
            if (!t.isOp("%(")) {
                if (top != null) {
                    if (pp == State.KEEP_THEN) {
                        top.info.thenTokens++;
                    } else {
                        top.info.elseTokens++;
                    }
                }
                Guard g = currentGuard();
                emitted++;
                return g == null ? t : t.withContext(t.site, g);
            }
            // %( COND %? ...
            Token open = t.site != null ? t.site : t;
            CondInfo info = new CondInfo(t);
            StringBuilder text = new StringBuilder();
            boolean result = evalCondition(t, text);
            info.condition = text.toString();
            info.evaluated = result;
            boolean ownFile = t.unit == unit && t.site == null;
            boolean keep = ownFile ? policy.decide(t, result) : result;
            info.taken = keep;
            if (ownFile) {
                conditionals.putIfAbsent(t.start, info);
            }
            Guard outer = currentGuard();
            for (Guard g = outer; g != null; g = g.outer()) {
                if (g.open().unit == unit && g.open().site == null) {
                    info.parentStart = g.open().start;
                    info.parentBranch = g.thenBranch();
                    break;
                }
            }
            PpState s = new PpState(open, keep ? State.KEEP_THEN : State.SKIP_THEN, info, outer);
            s.guard = new Guard(t, info.condition, true, outer);
            ppStack.add(s);
        }
    }

    private Token skipPp(PpState top) {
        int nesting = 0;
        while (true) {
            Token t;
            try {
                t = scanPp1(true);
            } catch (ParseError e) {
                continue; // lexer and macro errors are ignored in a skipped branch
            }
            if (t == null) {
                return null;
            }
            if (t.isOp("%(")) {
                nesting++;
            } else if (nesting > 0 && t.isOp("%)")) {
                nesting--;
            } else if (nesting == 0 && (t.isOp("%:") || t.isOp("%?") || t.isOp("%)"))) {
                return t;
            }
            if (top.state == State.SKIP_THEN) {
                top.info.thenTokens++;
            } else {
                top.info.elseTokens++;
            }
        }
    }

    private Token condToken(StringBuilder text) {
        Token t = scanPp1(false, true);
        if (t != null) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(t.kind == Token.Kind.STRING ? "\"" + t.text + "\"" : t.text);
        }
        return t;
    }

    /**
     * parse.cxx scan_pp: terms "l op r" joined by && and || (&& binding tighter, every term evaluated), each
     * token read through the macro pass; the token after the last term must be %?.
     */
    private boolean evalCondition(Token open, StringBuilder text) {
        boolean result = false;
        boolean andResult = true;
        Token n;
        while (true) {
            Token l = condToken(text);
            Token op = l == null ? null : condToken(text);
            Token r = op == null ? null : condToken(text);
            if (l == null || op == null || r == null) {
                throw new ParseError("incomplete condition after '%('", open, false);
            }
            try {
                andResult &= evalTerm(l, op, r);
            } catch (ParseError e) {
                // session.print_error: an error at a junk token is reported with the junk's own message
                if (e.token != null && e.token.kind == Token.Kind.JUNK && e.token.junkMessage != null) {
                    throw new ParseError(e.token.junkMessage, e.token, false);
                }
                throw e;
            }
            n = scanPp1(false, true);
            if (n != null && n.isOp("&&")) {
                text.append(" &&");
                continue;
            }
            result |= andResult;
            andResult = true;
            if (n != null && n.isOp("||")) {
                text.append(" ||");
                continue;
            }
            break;
        }
        if (n == null || !n.isOp("%?")) {
            throw new ParseError("expected '%?' marker for conditional", open, false);
        }
        return result;
    }

    private static final java.util.Set<String> CMP = java.util.Set.of("==", "!=", "<", "<=", ">", ">=");

    private boolean evalTerm(Token l, Token op, Token r) {
        boolean cmpOp = op.kind == Token.Kind.OPERATOR && CMP.contains(op.text);
        String ln = l.kind == Token.Kind.IDENT ? l.text : null;
        if ("kernel_v".equals(ln) || "kernel_vr".equals(ln) || "systemtap_v".equals(ln)) {
            // eval_pp_conditional looks at the right operand before the operator
            if (r.kind != Token.Kind.STRING) {
                throw new ParseError("expected string literal", r, false);
            }
            if (!cmpOp) {
                throw new ParseError("expected comparison operator", op, false);
            }
            String have = switch (ln) {
                case "kernel_v" -> config.kernelV();
                case "kernel_vr" -> config.kernelVr();
                default -> config.systemtapV();
            };
            boolean glob = r.text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
            if (glob) {
                if (!op.text.equals("==") && !op.text.equals("!=")) {
                    throw new ParseError("wildcard not allowed with order comparison operators", op, false);
                }
                boolean m = fnmatch(r.text, have);
                return op.text.equals("==") == m;
            }
            return compare(op.text, strverscmp(have, r.text));
        }
        if ("arch".equals(ln) || "runtime".equals(ln) || "systemtap_privilege".equals(ln)) {
            if (r.kind != Token.Kind.STRING) {
                throw new ParseError("expected string literal", r, false);
            }
            String have = switch (ln) {
                case "arch" -> config.arch();
                case "runtime" -> config.runtime();
                default -> config.privilege();
            };
            boolean m = ln.equals("systemtap_privilege") ? have.equals(r.text) : fnmatch(r.text, have);
            if (op.isOp("==")) {
                return m;
            } else if (op.isOp("!=")) {
                return !m;
            }
            throw new ParseError("expected '==' or '!='", op, false);
        }
        if ("guru_mode".equals(ln)) {
            if (r.kind != Token.Kind.NUMBER) {
                throw new ParseError("expected number", r, false);
            }
            if (!r.text.equals("0") && !r.text.equals("1")) {
                throw new ParseError("expected 0 or 1", op, false); // stap reports it at the operator
            }
            boolean m = (config.guru() ? 1 : 0) == Integer.parseInt(r.text);
            if (op.isOp("==")) {
                return m;
            } else if (op.isOp("!=")) {
                return !m;
            }
            throw new ParseError("expected '==' or '!='", op, false);
        }
        if (ln != null && ln.startsWith("CONFIG_")) {
            String have = config.config().getOrDefault(ln, "");
            if (r.kind == Token.Kind.STRING) {
                boolean m = fnmatch(r.text, have);
                if (op.isOp("==")) {
                    return m;
                } else if (op.isOp("!=")) {
                    return !m;
                }
                throw new ParseError("expected '==' or '!='", op, false);
            }
            if (r.kind == Token.Kind.NUMBER || r.kind == Token.Kind.ARG_RAW) {
                // eval_pp_conditional, in stap's order: the option's value as a number (an unset option is "",
                // which reads as 0; "y" is an error at the option), then the right operand through lex_cast
                // (decimal only: "0x10" stops stap with "bad lexical cast"), then the operator
                Long lv = have.isEmpty() ? Long.valueOf(0) : parseLong(have);
                if (lv == null) {
                    throw new ParseError("Config option value not a number", l, false);
                }
                Long rv = decimal(r);
                if (!cmpOp) {
                    throw new ParseError("expected comparison operator", op, false);
                }
                return rv != null && compare(op.text, Long.compare(lv, rv));
            }
            if (r.kind == Token.Kind.IDENT && r.text.startsWith("CONFIG_")) {
                if (!cmpOp) {
                    throw new ParseError("expected comparison operator", op, false);
                }
                String rh = config.config().getOrDefault(r.text, "");
                Long lv = parseLong(have);
                Long rv = parseLong(rh);
                return lv != null && rv != null ? compare(op.text, Long.compare(lv, rv))
                        : compare(op.text, have.compareTo(rh));
            }
            throw new ParseError("expected string, number literal or other CONFIG_... as right side operand", r,
                    false);
        }
        // The generic comparisons, in eval_pp_conditional's order: the types decide, then the operator.
        boolean lString = l.kind == Token.Kind.STRING || l.kind == Token.Kind.ARG_STRING;
        boolean lNumber = l.kind == Token.Kind.NUMBER || l.kind == Token.Kind.ARG_RAW;
        boolean rString = r.kind == Token.Kind.STRING || r.kind == Token.Kind.ARG_STRING;
        boolean rNumber = r.kind == Token.Kind.NUMBER || r.kind == Token.Kind.ARG_RAW;
        if (lString && rString) {
            if (!cmpOp) {
                throw new ParseError("expected comparison operator", op, false);
            }
            return compare(op.text, argValue(l).compareTo(argValue(r)));
        }
        if (lNumber && rNumber) {
            Long lv = decimal(l);
            Long rv = decimal(r);
            if (!cmpOp) {
                throw new ParseError("expected comparison operator", op, false);
            }
            return lv != null && rv != null && compare(op.text, Long.compare(lv, rv));
        }
        if (lString && rNumber && op.kind == Token.Kind.OPERATOR) {
            throw new ParseError("expected string literal as right value", r, false);
        }
        if (lNumber && rString && op.kind == Token.Kind.OPERATOR) {
            throw new ParseError("expected number literal as right value", r, false);
        }
        throw new ParseError("expected 'arch', 'kernel_v', 'kernel_vr', 'systemtap_v',\n"
                + "             'runtime', 'systemtap_privilege', 'CONFIG_...', or\n"
                + "             comparison between strings or integers", l, false);
    }

    /**
     * A number of a condition as stap's lex_cast&lt;int64_t&gt; reads it: decimal only ("0x10" or a number out of
     * range makes stap stop with "bad lexical cast"); null for a script argument whose value is not known.
     */
    private static Long decimal(Token t) {
        if (t.kind == Token.Kind.ARG_RAW) {
            return t.text.endsWith("#") ? 0L : null;
        }
        try {
            return Long.parseLong(t.text);
        } catch (NumberFormatException e) {
            throw new ParseError("bad lexical cast", t, false);
        }
    }

    /**
     * Script arguments that are not known (with known ones the scanner has substituted them, and there are
     * no ARG tokens): $# and @# count none, $N/@N are empty.
     */
    private static String argValue(Token t) {
        if (t.kind == Token.Kind.ARG_RAW || t.kind == Token.Kind.ARG_STRING) {
            return t.text.endsWith("#") ? "0" : "";
        }
        return t.text;
    }

    private static Long parseLong(String s) {
        try {
            return Long.decode(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    static boolean fnmatch(String glob, String s) {
        // the same few globs are tested at every %( kernel_v ... %) of a file: compiled once per process
        return FNMATCH.computeIfAbsent(glob, Preprocessor::globPattern).matcher(s).matches();
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> FNMATCH =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        re.append('[').append(set.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** A run of digits without its leading zeros, one digit kept ({@code "000"} → {@code "0"}). */
    private static String withoutLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    /** GNU strverscmp, simplified: digit runs compare numerically. */
    static int strverscmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = withoutLeadingZeros(a.substring(si, i));
                String nb = withoutLeadingZeros(b.substring(sj, j));
                if (na.length() != nb.length()) {
                    return na.length() - nb.length();
                }
                int c = na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return ca - cb;
                }
                i++;
                j++;
            }
        }
        return (a.length() - i) - (b.length() - j);
    }
}
