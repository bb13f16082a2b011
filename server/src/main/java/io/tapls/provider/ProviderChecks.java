package io.tapls.provider;

import io.tapls.diag.Diagnostic;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Every diagnostic of a provider file: what reading found, then the checks of the model ({@link ProviderRules}). */
public final class ProviderChecks {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words that make a C type: as an argument's last word, the argument has no name. */
    private static final Set<String> TYPE_WORDS = Set.of("void", "char", "short", "int", "long", "float", "double",
            "signed", "unsigned", "const", "volatile", "struct", "union", "enum", "_Bool", "bool", "size_t",
            "ssize_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
            "uintptr_t", "intptr_t", "pid_t", "off_t");

    /** stap's keywords (parse.cxx), which cannot be a variable's name; 'self' and 'provider' can. */
    private static final Set<String> STAP_KEYWORDS = Set.of("probe", "global", "private", "function", "if", "else",
            "for", "foreach", "in", "limit", "return", "delete", "while", "break", "continue", "next", "string", "long",
            "try", "catch");

    private ProviderChecks() {
    }

    public static List<Diagnostic> check(ProviderFile file) {
        List<Diagnostic> out = new ArrayList<>(file.problems());
        declarations(file, out);
        lineParser(file, out);
        groups(file, out);
        probes(file, out);
        out.sort(Comparator.comparingInt(d -> d.span().start()));
        return out;
    }

    private static void declarations(ProviderFile file, List<Diagnostic> out) {
        if (file.providers().isEmpty() && file.probes().isEmpty()) {
            out.add(Diagnostic.of(ProviderRules.NO_PROVIDER, Span.at(0), "no 'provider NAME {' line: dtrace -h"
                    + " declares no probe"));
        }
        for (ProviderProbe p : file.probes()) {
            if (p.provider().isEmpty()) {
                out.add(Diagnostic.of(ProviderRules.NO_PROVIDER, p.nameSpan(), "probe '" + p.name() + "' is not"
                        + " inside a 'provider NAME {' block: dtrace -h declares no macro for it"));
            }
        }
    }

    /**
     * What systemtap's dtrace (_ReProvider.probe_write) misreads when it falls back to reading line by line: any
     * line holding "provider" is a provider line (the provider's name its second word, no probe); after one, a
     * line holding "probe " is a probe (read up to the next ')').
     */
    private static void lineParser(ProviderFile file, List<Diagnostic> out) {
        io.tapls.text.SourceText text = file.text();
        Set<Integer> providerLines = new java.util.HashSet<>();
        for (ProviderDecl d : file.providers()) {
            providerLines.add(text.lineOf(d.span().start()));
        }
        Map<Integer, ProviderProbe> probeLines = new HashMap<>();
        for (ProviderProbe p : file.probes()) {
            probeLines.putIfAbsent(text.lineOf(p.span().start()), p);
        }
        for (int line = 0; line < text.lineCount(); line++) {
            String content = text.lineContent(line);
            String s = content.strip();
            int at = text.lineStart(line) + content.indexOf(s);
            Span whole = new Span(at, at + s.length());
            ProviderProbe p = probeLines.get(line);
            if (p != null && s.contains("provider") && !providerLines.contains(line)) {
                out.add(Diagnostic.of(ProviderRules.DTRACE_LINE_PARSER, p.nameSpan(), "probe '" + p.name() + "': its"
                        + " line holds 'provider'; when systemtap's dtrace reads the file line by line (its grammar"
                        + " fails on types such as 'long long') it takes the line for a provider's and declares no"
                        + " macro for the probe"));
            } else if (s.startsWith("#") && (s.contains("provider") || s.contains("probe "))) {
                out.add(Diagnostic.of(ProviderRules.DTRACE_LINE_PARSER, whole, "a comment holding '"
                        + (s.contains("provider") ? "provider" : "probe ") + "': when systemtap's dtrace reads the"
                        + " file line by line (its grammar fails on types such as 'long long') it takes it for a "
                        + (s.contains("provider") ? "provider" : "probe") + " declaration"));
            }
        }
    }

    private static void groups(ProviderFile file, List<Diagnostic> out) {
        int[] effective = ProviderTapset.effectiveGroups(file);
        Map<String, ProbeGroup> seen = new HashMap<>();
        for (int g = 0; g < file.groups().size(); g++) {
            ProbeGroup group = file.groups().get(g);
            ProbeGroup before = seen.putIfAbsent(group.file(), group);
            if (before != null) {
                out.add(Diagnostic.of(ProviderRules.DUPLICATE_FILE, group.fileSpan(), "'# file: " + group.file()
                        + "' again (first on line " + (file.text().lineOf(before.fileSpan().start()) + 1) + "):"
                        + " libvirt's dtrace2systemtap.py keeps only the probes after the last one, and writes them"
                        + " twice"));
            }
            if (effective[g] == g && group.prefix() == null && !file.probesOf(g).isEmpty()) {
                out.add(ProviderTapset.missingPrefix(group));
            }
        }
    }

    private static void probes(ProviderFile file, List<Diagnostic> out) {
        Map<String, ProviderProbe> byMacro = new HashMap<>();
        for (ProviderProbe p : file.probes()) {
            if (!p.closed()) {
                out.add(Diagnostic.of(ProviderRules.UNCLOSED_PROBE, p.nameSpan(), "probe '" + p.name() + "' is not"
                        + " closed by a line ending in ');': libvirt's dtrace2systemtap.py drops it"));
            } else if (p.argsText().contains(");")) {
                out.add(Diagnostic.of(ProviderRules.UNCLOSED_PROBE, p.nameSpan(), "text after ');' in probe '"
                        + p.name() + "': libvirt's dtrace2systemtap.py reads it, and the lines up to the next ');',"
                        + " as arguments"));
            }
            ProviderProbe first = byMacro.putIfAbsent(p.provider() + "\0" + p.macroName(), p);
            if (first != null && !p.provider().isEmpty()) {
                out.add(Diagnostic.of(ProviderRules.DUPLICATE_PROBE, p.nameSpan(), (first.name().equals(p.name())
                        ? "duplicate probe '" + p.name() + "'" : "probe '" + p.name() + "' has the macro of '"
                        + first.name() + "'") + " (line " + (file.text().lineOf(first.nameSpan().start()) + 1)
                        + "): dtrace -h defines " + p.macroName() + " twice"));
            }
            file.groupOf(p).ifPresent(g -> namePrefix(p, g, out));
            arguments(p, out);
        }
    }

    private static void namePrefix(ProviderProbe p, ProbeGroup g, List<Diagnostic> out) {
        if (g.prefix() == null) {
            return;
        }
        String head = g.prefix() + "_";
        if (!p.name().startsWith(head)) {
            out.add(Diagnostic.of(ProviderRules.NAME_PREFIX, p.nameSpan(), "probe '" + p.name()
                    + "' does not start with its group's prefix '" + head + "': its alias is '"
                    + ProviderTapset.aliasName(p.name(), g.prefix(), ProviderTapset.Options.DEFAULT_WORD)
                    + "', not libvirt." + g.prefix() + ".*"));
        } else if (p.name().indexOf(head, head.length()) >= 0) {
            out.add(Diagnostic.of(ProviderRules.NAME_PREFIX, p.nameSpan(), "probe '" + p.name() + "' has '"
                    + head + "' twice: libvirt's dtrace2systemtap.py replaces both, the alias is '"
                    + ProviderTapset.aliasName(p.name(), g.prefix(), ProviderTapset.Options.DEFAULT_WORD) + "'"));
        }
    }

    private static void arguments(ProviderProbe p, List<Diagnostic> out) {
        if (p.args().isEmpty()) {
            out.add(ProviderTapset.malformed(p, 0, p.argsText()));
            return;
        }
        for (int i = 0; i < p.args().size(); i++) {
            ProbeArg a = p.args().get(i);
            if (a.name() == null) {
                out.add(ProviderTapset.malformed(p, i, a.raw()));
            } else if (!IDENTIFIER.matcher(a.name()).matches() || TYPE_WORDS.contains(a.name())) {
                out.add(Diagnostic.of(ProviderRules.ARGUMENT_WITHOUT_NAME, a.span(), "argument '" + a.declaration()
                        + "' has no name: the tapset would bind '" + a.name() + " = " + (a.string()
                        ? "user_string($arg" + (i + 1) + ")" : "$arg" + (i + 1)) + "'"));
            } else if (STAP_KEYWORDS.contains(a.name())) {
                out.add(Diagnostic.of(ProviderRules.STAP_KEYWORD_ARGUMENT, a.nameSpan(), "argument '" + a.name()
                        + "' is a SystemTap keyword: the tapset's '" + a.name() + " = ...;' does not parse"));
            }
        }
    }
}
