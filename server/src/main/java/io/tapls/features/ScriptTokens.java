package io.tapls.features;

import io.tapls.features.SemanticTokens.Modifier;
import io.tapls.features.SemanticTokens.Type;
import io.tapls.index.TapsetIndex;
import io.tapls.stap.Global;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.StapLexing;
import io.tapls.stap.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A SystemTap script's semantic tokens, from its tokens alone (one pass, so that half-typed text that does not
 * parse is classified as well as the rest) and the tapset index for what the library defines:
 * <ul>
 * <li>keywords; {@code long}/{@code string} as types; {@code private} as a modifier; the preprocessor's
 *     {@code %( %? %: %)} as keywords and the names its conditions test ({@code kernel_v}, {@code arch},
 *     {@code CONFIG_*}) as macros;</li>
 * <li>probe points: every component but the last a namespace, the last a function ({@code syscall.open},
 *     {@code process("x").mark("y")}); an alias's own name with {@code declaration};</li>
 * <li>functions: definitions with {@code declaration}, parameters; calls, with {@code defaultLibrary} for a
 *     tapset's function and for stap's print family;</li>
 * <li>variables: globals ({@code static}; {@code declaration} where declared; {@code defaultLibrary} for a
 *     tapset's), the variables a probe's alias binds ({@code defaultLibrary}), parameters, locals, target
 *     variables {@code $x}/{@code $$vars} ({@code readonly}: the probed program's), members after
 *     {@code ->} (property), script arguments {@code $1}/{@code @1} (readonly parameters);</li>
 * <li>{@code @define}d macros (their parameters inside their bodies); stap's own {@code @cast}, {@code @var},
 *     {@code @entry}, ... as keywords;</li>
 * <li>strings (a printf/sprintf format's conversions as regexp), numbers, operators, comments (doc comments
 *     with {@code documentation}).</li>
 * </ul>
 * Brackets, braces, parentheses, commas and semicolons are punctuation, which LSP has no type for.
 */
final class ScriptTokens {
    /** stap's '@' operators (parse.cxx): language, not macros. */
    private static final Set<String> AT_OPERATORS = Set.of("@cast", "@var", "@entry", "@defined", "@probewrite",
            "@count", "@sum", "@min", "@max", "@avg", "@variance", "@hist_linear", "@hist_log", "@const",
            "@kregister", "@uregister", "@choose_defined", "@perf", "@define");
    /** stap's print family (parse.cxx parse_print): built into the language, not tapset functions. */
    private static final Set<String> PRINT_FAMILY = Set.of("print", "println", "printf", "printd", "printdln",
            "sprint", "sprintln", "sprintf", "sprintd", "sprintdln");
    private static final Set<String> FORMATS = Set.of("printf", "sprintf");
    /** Wildcard points expand to many aliases: their variables are gathered from this many at most. */
    private static final int MAX_POINT_VARIABLE_SOURCES = 64;

    private enum Mode { TOP, PROBE_HEADER, FUNCTION_HEADER, BODY, GLOBALS }

    private final List<Token> toks;
    private final List<StapLexing.Comment> comments;
    private final String text;
    private final TapsetIndex index;
    private final List<SemanticTokens.Token> out;

    private final Set<String> fileFunctions = new HashSet<>();
    private final Set<String> fileGlobals = new HashSet<>();
    private final Set<String> fileMacros = new HashSet<>();

    private Mode mode = Mode.TOP;
    private int braces;
    private int parens;
    /** The current function's parameters (in its header and body). */
    private final Set<String> params = new HashSet<>();
    /** The variables the current probe's points bind; null until its body asks. */
    private Set<String> pointVariables;
    private final List<String> pointNames = new ArrayList<>();
    // a probe header being read
    private final List<List<Integer>> point = new ArrayList<>();
    private List<Integer> component;
    private boolean headerAlias;
    private boolean headerCondition;
    private int lastComponentEnd = -1;
    // a function header being read
    private boolean expectFunctionName;
    private boolean inParams;
    // a global declaration being read
    private boolean expectGlobal;
    private int globalBrackets;
    // the preprocessor: open %( ... %) frames, true for an @define body
    private final List<Boolean> frames = new ArrayList<>();
    private boolean condition;
    private int defineState; // 1: name expected, 2: params or body, 3: in params
    private Set<String> defineParams;
    private final List<Set<String>> defineStack = new ArrayList<>();

    ScriptTokens(StapLexing.Result lexed, String text, TapsetIndex index, List<SemanticTokens.Token> out) {
        this.toks = lexed.tokens();
        this.comments = lexed.comments();
        this.text = text;
        this.index = index;
        this.out = out;
    }

    void run() {
        for (StapLexing.Comment c : comments) {
            if (c.text().startsWith("/**")) {
                SemanticTokens.add(out, c.start(), c.end(), Type.COMMENT, Modifier.DOCUMENTATION);
            } else {
                SemanticTokens.add(out, c.start(), c.end(), Type.COMMENT);
            }
        }
        declarations();
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.site != null || t.end > text.length()) {
                continue; // not text of this file (never, when the arguments are not pasted in)
            }
            if (preprocessor(i, t)) {
                continue;
            }
            if (defineState > 0 && define(t)) {
                continue;
            }
            if (startsDeclaration(i, t)) {
                continue;
            }
            switch (mode) {
                case PROBE_HEADER -> probeHeader(i, t);
                case FUNCTION_HEADER -> functionHeader(i, t);
                case GLOBALS -> globals(i, t);
                case BODY -> body(i, t);
                default -> expression(i, t);
            }
        }
        endPoint();
    }

    /** The functions, globals and macros this file defines (they may be used before they are defined). */
    private void declarations() {
        for (int i = 0; i + 1 < toks.size(); i++) {
            Token t = toks.get(i);
            Token n = toks.get(i + 1);
            if (n.kind != Token.Kind.IDENT) {
                continue;
            }
            if (t.isKeyword("function") && !(i > 0 && toks.get(i - 1).isOp("."))) {
                fileFunctions.add(n.text);
            } else if (t.isOp("@define")) {
                fileMacros.add(n.text);
            } else if (t.isKeyword("global")) {
                // global a, b[10], c = 1, d%
                int depth = 0;
                for (int j = i + 1; j < toks.size(); j++) {
                    Token g = toks.get(j);
                    if (g.isOp("[")) {
                        depth++;
                    } else if (g.isOp("]")) {
                        depth--;
                    } else if (depth == 0 && g.kind == Token.Kind.IDENT && toks.get(j - 1).isOp(",")
                            || j == i + 1) {
                        fileGlobals.add(g.text);
                    } else if (depth == 0 && !(g.isOp(",") || g.isOp("%") || g.isOp("=") || g.isOp("-")
                            || g.kind == Token.Kind.NUMBER || g.kind == Token.Kind.STRING)) {
                        break;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ the preprocessor and @define

    /** %( %? %: %) anywhere; the names a condition tests. True when the token is taken. */
    private boolean preprocessor(int i, Token t) {
        if (t.kind == Token.Kind.OPERATOR && t.text.length() == 2 && t.text.charAt(0) == '%') {
            switch (t.text) {
                case "%(" -> {
                    boolean body = defineState == 2;
                    frames.add(body);
                    if (body) {
                        defineStack.add(defineParams);
                        defineState = 0;
                    } else {
                        condition = true;
                    }
                    emit(t, Type.KEYWORD);
                    return true;
                }
                case "%?" -> {
                    condition = false;
                    emit(t, Type.KEYWORD);
                    return true;
                }
                case "%:" -> {
                    emit(t, Type.KEYWORD);
                    return true;
                }
                case "%)" -> {
                    if (!frames.isEmpty() && frames.remove(frames.size() - 1)) {
                        defineStack.remove(defineStack.size() - 1);
                        defineParams = defineStack.isEmpty() ? null : defineStack.get(defineStack.size() - 1);
                    }
                    condition = false;
                    emit(t, Type.KEYWORD);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        if (!condition) {
            return false;
        }
        switch (t.kind) {
            case IDENT -> emit(t, Type.MACRO);
            default -> expression(i, t);
        }
        return true;
    }

    /** {@code @define NAME(params) %( body %)}: the name and parameters. True when the token is taken. */
    private boolean define(Token t) {
        if (defineState == 1) {
            if (t.kind == Token.Kind.IDENT) {
                emit(t, Type.MACRO, Modifier.DECLARATION);
                defineState = 2;
                defineParams = new HashSet<>();
                return true;
            }
            defineState = 0;
            return false;
        }
        if (defineState == 2 && t.isOp("(")) {
            defineState = 3;
            return true;
        }
        if (defineState == 3) {
            if (t.kind == Token.Kind.IDENT) {
                defineParams.add(t.text);
                emit(t, Type.PARAMETER, Modifier.DECLARATION);
            } else if (t.isOp(")")) {
                defineState = 2;
            }
            return true;
        }
        defineState = 0;
        return false;
    }

    /** 'probe', 'function', 'global', 'private', '@define' start a declaration wherever they are. */
    private boolean startsDeclaration(int i, Token t) {
        if (t.kind == Token.Kind.KEYWORD) {
            switch (t.text) {
                case "probe" -> {
                    endPoint();
                    mode = Mode.PROBE_HEADER;
                    parens = 0;
                    braces = 0;
                    headerAlias = false;
                    headerCondition = false;
                    pointNames.clear();
                    pointVariables = null;
                    params.clear();
                    emit(t, Type.KEYWORD);
                    return true;
                }
                case "function" -> {
                    if (mode == Mode.PROBE_HEADER && i > 0 && toks.get(i - 1).isOp(".")) {
                        return false; // kernel.function("x"): a component
                    }
                    endPoint();
                    mode = Mode.FUNCTION_HEADER;
                    parens = 0;
                    braces = 0;
                    expectFunctionName = true;
                    inParams = false;
                    params.clear();
                    emit(t, Type.KEYWORD);
                    return true;
                }
                case "global" -> {
                    if (mode == Mode.PROBE_HEADER) {
                        return false;
                    }
                    mode = Mode.GLOBALS;
                    expectGlobal = true;
                    globalBrackets = 0;
                    emit(t, Type.KEYWORD);
                    return true;
                }
                case "private" -> {
                    emit(t, Type.MODIFIER);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        if (t.isOp("@define")) {
            endPoint();
            mode = Mode.TOP;
            defineState = 1;
            emit(t, Type.KEYWORD);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ declarations

    private void probeHeader(int i, Token t) {
        if (headerCondition && !(parens == 0 && t.isOp("{"))) {
            trackParens(t);
            expression(i, t);
            return;
        }
        if (t.isOp("(")) {
            parens++;
            return;
        }
        if (t.isOp(")")) {
            parens = Math.max(0, parens - 1);
            return;
        }
        if (parens > 0) {
            expression(i, t); // a component's argument: "name", 100, $1
            return;
        }
        boolean part = t.kind == Token.Kind.IDENT || t.kind == Token.Kind.NUMBER
                || t.kind == Token.Kind.KEYWORD && !t.isKeyword("if") || t.isOp("*") || t.isOp("**");
        if (part) {
            // Pieces glued together make one component: sys*open, *_return.
            if (component == null || lastComponentEnd != t.start) {
                component = new ArrayList<>();
                point.add(component);
            }
            component.add(i);
            lastComponentEnd = t.end;
            return;
        }
        if (t.isOp(".")) {
            component = null;
            return;
        }
        if (t.isOp("=") || t.isOp("+=")) {
            endPoint(true);
            headerAlias = true;
            pointNames.clear();
            emit(t, Type.OPERATOR);
            return;
        }
        if (t.isOp(",")) {
            endPoint();
            return;
        }
        if (t.isOp("?") || t.isOp("!")) {
            endPoint();
            emit(t, Type.OPERATOR);
            return;
        }
        if (t.isKeyword("if")) {
            endPoint();
            headerCondition = true;
            emit(t, Type.KEYWORD);
            return;
        }
        if (t.isOp("{")) {
            endPoint();
            mode = Mode.BODY;
            braces = 1;
            return;
        }
        endPoint();
        expression(i, t);
    }

    private void trackParens(Token t) {
        if (t.isOp("(")) {
            parens++;
        } else if (t.isOp(")")) {
            parens = Math.max(0, parens - 1);
        }
    }

    private void endPoint() {
        endPoint(false);
    }

    /** The point read so far: namespaces, then a function; an alias's name is its declaration. */
    private void endPoint(boolean aliasName) {
        if (point.isEmpty()) {
            component = null;
            return;
        }
        StringBuilder name = new StringBuilder();
        for (int c = 0; c < point.size(); c++) {
            boolean last = c == point.size() - 1;
            for (int k : point.get(c)) {
                Token t = toks.get(k);
                if (last && aliasName) {
                    emit(t, Type.FUNCTION, Modifier.DECLARATION);
                } else {
                    emit(t, last ? Type.FUNCTION : Type.NAMESPACE);
                }
                if (c > 0 && k == point.get(c).get(0)) {
                    name.append('.');
                }
                name.append(t.text);
            }
        }
        if (!aliasName) {
            pointNames.add(name.toString());
        }
        point.clear();
        component = null;
    }

    private void functionHeader(int i, Token t) {
        if (expectFunctionName && t.kind == Token.Kind.IDENT) {
            emit(t, Type.FUNCTION, Modifier.DECLARATION);
            expectFunctionName = false;
            return;
        }
        expectFunctionName = false;
        if (t.isOp("(")) {
            inParams = true;
            return;
        }
        if (t.isOp(")")) {
            inParams = false;
            return;
        }
        if (inParams && t.kind == Token.Kind.IDENT) {
            params.add(t.text);
            emit(t, Type.PARAMETER, Modifier.DECLARATION);
            return;
        }
        if (t.isOp(":")) {
            return; // before a type or a priority: punctuation
        }
        if (t.isOp("{")) {
            mode = Mode.BODY;
            braces = 1;
            pointVariables = Set.of();
            return;
        }
        if (t.kind == Token.Kind.EMBEDDED) {
            mode = Mode.TOP;
            return;
        }
        expression(i, t);
    }

    private void globals(int i, Token t) {
        if (t.isOp("[")) {
            globalBrackets++;
            return;
        }
        if (t.isOp("]")) {
            globalBrackets = Math.max(0, globalBrackets - 1);
            return;
        }
        if (globalBrackets > 0) {
            expression(i, t);
            return;
        }
        if (expectGlobal && t.kind == Token.Kind.IDENT) {
            emit(t, Type.VARIABLE, Modifier.STATIC, Modifier.DECLARATION);
            expectGlobal = false;
            return;
        }
        if (t.isOp(",")) {
            expectGlobal = true;
            return;
        }
        if (!expectGlobal && (t.isOp("%") || t.isOp("=") || t.isOp("-") || t.kind == Token.Kind.NUMBER
                || t.kind == Token.Kind.STRING)) {
            expression(i, t);
            return;
        }
        mode = Mode.TOP;
        expression(i, t);
    }

    private void body(int i, Token t) {
        if (t.isOp("{")) {
            braces++;
            return;
        }
        if (t.isOp("}")) {
            if (--braces <= 0) {
                mode = Mode.TOP;
                params.clear();
                pointVariables = null;
            }
            return;
        }
        expression(i, t);
    }

    // ------------------------------------------------------------------ expressions

    /** A token of a statement or expression (or anything else: half-typed text at the top level). */
    private void expression(int i, Token t) {
        switch (t.kind) {
            case KEYWORD -> {
                if (t.text.equals("long") || t.text.equals("string")) {
                    emit(t, Type.TYPE);
                } else if (t.text.equals("private")) {
                    emit(t, Type.MODIFIER);
                } else {
                    emit(t, Type.KEYWORD);
                }
            }
            case IDENT -> identifier(i, t);
            case NUMBER -> emit(t, Type.NUMBER);
            case STRING -> string(i, t);
            case ARG_RAW, ARG_STRING -> emit(t, Type.PARAMETER, Modifier.READONLY);
            case JUNK -> {
                if (t.start < text.length() && text.charAt(t.start) == '"') {
                    SemanticTokens.add(out, t.start, t.end, Type.STRING); // a string being typed
                }
            }
            case OPERATOR -> operator(t);
            default -> {
            }
        }
    }

    private void operator(Token t) {
        String op = t.text;
        if (op.length() > 1 && op.charAt(0) == '@') {
            String name = op.substring(1);
            if (AT_OPERATORS.contains(op)) {
                emit(t, Type.KEYWORD);
            } else if (defineParams != null && defineParams.contains(name)) {
                emit(t, Type.PARAMETER);
            } else if (!fileMacros.contains(name) && index != null && index.macros().containsKey(name)) {
                emit(t, Type.MACRO, Modifier.DEFAULT_LIBRARY);
            } else {
                emit(t, Type.MACRO);
            }
            return;
        }
        switch (op) {
            case "(", ")", "[", "]", "{", "}", ",", ";" -> {
            }
            default -> emit(t, Type.OPERATOR);
        }
    }

    private void identifier(int i, Token t) {
        String name = t.text;
        if (name.startsWith("$")) {
            emit(t, Type.VARIABLE, Modifier.READONLY); // a target variable: the probed program's
            return;
        }
        if (i > 0 && toks.get(i - 1).isOp("->")) {
            emit(t, Type.PROPERTY);
            return;
        }
        if (i + 1 < toks.size() && toks.get(i + 1).isOp("(")) {
            if (fileFunctions.contains(name)) {
                emit(t, Type.FUNCTION);
            } else if (PRINT_FAMILY.contains(name) || index != null && !index.function(name).isEmpty()) {
                emit(t, Type.FUNCTION, Modifier.DEFAULT_LIBRARY);
            } else {
                emit(t, Type.FUNCTION);
            }
            return;
        }
        if (params.contains(name)) {
            emit(t, Type.PARAMETER);
        } else if (fileGlobals.contains(name)) {
            emit(t, Type.VARIABLE, Modifier.STATIC);
        } else if (pointVariables().contains(name)) {
            emit(t, Type.VARIABLE, Modifier.DEFAULT_LIBRARY);
        } else if (libraryGlobal(name)) {
            emit(t, Type.VARIABLE, Modifier.STATIC, Modifier.DEFAULT_LIBRARY);
        } else {
            emit(t, Type.VARIABLE);
        }
    }

    private boolean libraryGlobal(String name) {
        if (index == null) {
            return false;
        }
        List<Global> gs = index.globals().get(name);
        if (gs == null) {
            return false;
        }
        for (Global g : gs) {
            if (!g.isPrivate()) {
                return true;
            }
        }
        return false;
    }

    /** The variables the current probe's points bind (through the index), worked out on first use. */
    private Set<String> pointVariables() {
        Set<String> v = pointVariables;
        if (v != null) {
            return v;
        }
        if (mode != Mode.BODY) {
            return Set.of(); // a header's condition, an @define body, half-typed text: no probe's variables
        }
        v = new HashSet<>();
        if (index != null) {
            for (String p : pointNames) {
                List<String> names = p.indexOf('*') >= 0 ? index.matching(p) : List.of(p);
                int n = 0;
                for (String name : names) {
                    if (n++ >= MAX_POINT_VARIABLE_SOURCES) {
                        break;
                    }
                    v.addAll(index.variables(name).keySet());
                }
            }
        }
        pointVariables = v;
        return v;
    }

    /** A string; a printf/sprintf format's conversions are carved out of it. */
    private void string(int i, Token t) {
        boolean format = i >= 2 && toks.get(i - 1).isOp("(") && toks.get(i - 2).kind == Token.Kind.IDENT
                && FORMATS.contains(toks.get(i - 2).text);
        List<PrintFormat.Conversion> conversions = format ? PrintFormat.conversions(t.text) : null;
        if (conversions == null || conversions.isEmpty()) {
            SemanticTokens.add(out, t.start, t.end, Type.STRING);
            return;
        }
        int[] map = sourceOffsets(t);
        int at = t.start;
        for (PrintFormat.Conversion c : conversions) {
            int cs = map[c.start()];
            int ce = map[c.end()];
            SemanticTokens.add(out, at, cs, Type.STRING);
            SemanticTokens.add(out, cs, ce, Type.REGEXP);
            at = ce;
        }
        SemanticTokens.add(out, at, t.end, Type.STRING);
    }

    /**
     * For each offset into a string token's value, the file offset it came from: the value is the text between
     * the quotes with stap's unescaping (StapLexing.unescape: an escape it does not keep, {@code \"}, becomes
     * one character).
     */
    private int[] sourceOffsets(Token t) {
        int[] map = new int[t.text.length() + 1];
        int src = t.start + 1;
        int end = Math.max(src, t.end - 1);
        int v = 0;
        while (v < t.text.length() && src < end) {
            map[v] = src;
            char c = text.charAt(src);
            if (c == '\\' && src + 1 < end) {
                char d = text.charAt(src + 1);
                boolean kept = "abtnvfr\\x".indexOf(d) >= 0 || d >= '0' && d <= '7';
                if (kept) {
                    map[v + 1 < map.length ? v + 1 : v] = src + 1;
                    v += 2;
                } else {
                    v += 1;
                }
                src += 2;
            } else {
                v++;
                src++;
            }
        }
        for (; v <= t.text.length(); v++) {
            map[v] = Math.min(src, end);
        }
        return map;
    }

    private void emit(Token t, Type type, Modifier... modifiers) {
        SemanticTokens.add(out, t.start, t.end, type, modifiers);
    }
}
