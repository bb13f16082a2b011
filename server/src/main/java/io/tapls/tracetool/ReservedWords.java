package io.tapls.tracetool;

import java.util.Set;

/** The two lists of words tracetool renames by appending '_': SystemTap's and dtrace's. */
public final class ReservedWords {
    /** format/stap.py RESERVED_WORDS: applied to argument names in the three stap formats. */
    static final Set<String> STAP = Set.of("break", "catch", "continue", "delete", "else", "for", "foreach",
            "function", "global", "if", "in", "limit", "long", "next", "probe", "return", "self", "string", "try",
            "while");

    /** format/d.py RESERVED_WORDS: applied to argument names in the d format. */
    static final Set<String> DTRACE = Set.of("auto", "goto", "sizeof", "break", "if", "static", "case", "import",
            "string", "char", "inline", "stringof", "const", "int", "struct", "continue", "long", "switch", "counter",
            "offsetof", "this", "default", "probe", "translator", "do", "provider", "typedef", "double", "register",
            "union", "else", "restrict", "unsigned", "enum", "return", "void", "extern", "self", "volatile", "float",
            "short", "while", "for", "signed", "xlate");

    private ReservedWords() {
    }

    /** tracetool's stap_escape(). */
    public static String stapEscape(String identifier) {
        return STAP.contains(identifier) ? identifier + "_" : identifier;
    }

    public static String dtraceEscape(String identifier) {
        return DTRACE.contains(identifier) ? identifier + "_" : identifier;
    }
}
