package io.tapls.features;

import io.tapls.features.CompletionItem.Kind;
import io.tapls.provider.ProbeArg;
import io.tapls.provider.ProbeGroup;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Completion in a DTrace provider file: in a probe's argument list, where a type goes, C types (those of the
 * file first), each saying how libvirt's dtrace2systemtap.py binds it; after {@code #} at the start of a line
 * the comments that group probes ({@code file:}, {@code prefix:}, {@code binary:}, {@code module:}); after
 * {@code probe} the group's {@code prefix_}; at the start of a line {@code probe}.
 */
final class ProviderCompletion {
    /** The C types of libvirt's provider files, and the usual others. */
    static final List<String> TYPES = List.of("int", "unsigned int", "long", "unsigned long", "long long",
            "unsigned long long", "short", "unsigned short", "char", "unsigned char", "void *", "char *",
            "const char *", "const void *", "size_t", "ssize_t", "bool", "int8_t", "int16_t", "int32_t", "int64_t",
            "uint8_t", "uint16_t", "uint32_t", "uint64_t", "uintptr_t", "pid_t", "double");
    /** Words after which the argument's type goes on. */
    private static final Set<String> TYPE_PREFIX_WORDS = Set.of("const", "unsigned", "signed", "long", "short",
            "volatile", "struct", "enum", "union");
    private static final List<String[]> DIRECTIVES = List.of(
            new String[] {"file", "starts a group: the source file whose probes follow"},
            new String[] {"prefix", "the group's probes are named PREFIX_*; their aliases WORD.PREFIX.*"},
            new String[] {"binary", "the group's probes fire in SBINDIR/NAME (not LIBDIR/libvirt.so)"},
            new String[] {"module", "the group's probes fire in LIBDIR/PATH (wins over # binary:)"});

    private ProviderCompletion() {
    }

    static List<CompletionItem> complete(ProviderFile file, int offset) {
        SourceText text = file.text();
        String all = text.text();
        int wordStart = offset;
        while (wordStart > 0 && isWordChar(all.charAt(wordStart - 1))) {
            wordStart--;
        }
        Span word = new Span(wordStart, offset);
        int lineStart = text.lineStart(text.lineOf(offset));
        String before = all.substring(lineStart, wordStart);
        List<CompletionItem> out = new ArrayList<>();
        if (before.strip().equals("#")) {
            for (String[] d : DIRECTIVES) {
                out.add(new CompletionItem(d[0] + ":", Kind.KEYWORD, "# " + d[0] + ":", d[1], d[0] + ": ", false,
                        word, null));
            }
            return out;
        }
        if (before.isBlank()) {
            out.add(CompletionItem.plain("probe", Kind.KEYWORD, "probe NAME(ARGS);", null, word, null));
            return out;
        }
        if (before.strip().equals("probe")) {
            ProbeGroup g = groupAt(file, offset);
            if (g != null && g.prefix() != null) {
                out.add(CompletionItem.plain(g.prefix() + "_", Kind.PROBE, "the group's prefix", null, word, null));
            }
            return out;
        }
        int open = argumentStart(all, wordStart);
        if (open >= 0 && typeGoesHere(all.substring(open, wordStart))) {
            Set<String> own = new LinkedHashSet<>();
            for (ProviderProbe p : file.probes()) {
                for (ProbeArg a : p.args()) {
                    if (a.name() != null && !a.type().isEmpty() && !a.span().contains(offset)) {
                        own.add(a.type());
                    }
                }
            }
            Set<String> types = new LinkedHashSet<>(own);
            types.addAll(TYPES);
            for (String t : types) {
                boolean string = t.contains("char *");
                out.add(new CompletionItem(t, Kind.TYPE, string ? "string in the tapset" : "long in the tapset",
                        string ? "bound as `name = user_string($argN)`" : "bound as `name = $argN`",
                        t.endsWith("*") ? t : t + " ", false, word, (own.contains(t) ? "0" : "1") + t));
            }
        }
        return out;
    }

    /** Where the current argument of a probe's list starts (after its '(' or ','), or -1 outside one. */
    private static int argumentStart(String all, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = all.charAt(i);
            if (c == ',' || c == '(') {
                int lineStart = all.lastIndexOf('\n', i) + 1;
                String head = all.substring(lineStart, i);
                if (c == ',' || head.contains("probe")) {
                    return i + 1;
                }
                return -1;
            }
            if (c == ';' || c == ')' || c == '{' || c == '}' || c == '#') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the argument's text so far is empty or only words a type continues after ("const", "unsigned"). */
    private static boolean typeGoesHere(String argumentSoFar) {
        for (String w : argumentSoFar.strip().split("\\s+")) {
            if (!w.isEmpty() && !TYPE_PREFIX_WORDS.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static ProbeGroup groupAt(ProviderFile file, int offset) {
        ProbeGroup found = null;
        for (ProbeGroup g : file.groups()) {
            if (g.span().start() <= offset) {
                found = g;
            }
        }
        return found;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
