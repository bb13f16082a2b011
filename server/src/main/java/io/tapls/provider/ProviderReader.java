package io.tapls.provider;

import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a provider file line by line exactly as libvirt's scripts/dtrace2systemtap.py does, so that the
 * model is what that script generates from: each line stripped; blank lines skipped; a line holding both
 * {@code "provider "} and <code>{</code> is the provider's; one holding <code>};</code> closes it; a line
 * starting with {@code #} is a comment, {@code # file:}, {@code # prefix:}, {@code # binary:} and
 * {@code # module:} (one word after the colon) set the group; any other line must hold
 * {@code probe NAME(} (searched anywhere in it) or continue the probe before, which the first line ending in
 * {@code );} closes. Where the script raises, a diagnostic says what it says and reading goes on. Never fails.
 */
public final class ProviderReader {
    private static final int FLAGS = Pattern.DOTALL | Pattern.UNIX_LINES;
    // The script's regular expressions, with Python's \s and \S.
    private static final Pattern FILE = directive("file");
    private static final Pattern PREFIX = directive("prefix");
    private static final Pattern BINARY = directive("binary");
    private static final Pattern MODULE = directive("module");
    private static final Pattern PROBE = Pattern.compile("probe" + Py.S + "+([a-zA-Z0-9_]+)\\((.*?)(\\);)?$", FLAGS);
    private static final Pattern CONTINUATION = Pattern.compile("^(.*?)(\\);)?$", FLAGS);
    /** An argument's name: {@code re.search(r'^.*\s\*?(\S+)$', arg)}. */
    static final Pattern ARG_NAME = Pattern.compile("^.*" + Py.S + "\\*?(" + Py.NS + "+)$", FLAGS);
    private static final Pattern PROVIDER_NAME = Pattern.compile("provider" + Py.S + "+([A-Za-z_][A-Za-z0-9_]*)",
            FLAGS);
    /**
     * A provider declaration outside comments, for telling a provider file from another {@code .d} file (a D
     * program, a DTrace script): {@code provider NAME} then <code>{</code>, or {@code probe NAME(}, at the start
     * of a line.
     */
    private static final Pattern DECLARES = Pattern.compile("(?m)^[ \\t]*(provider[ \\t]+[A-Za-z_][A-Za-z0-9_]*"
            + "\\s*\\{|probe[ \\t]+[A-Za-z_][A-Za-z0-9_]*[ \\t]*\\()");

    private static Pattern directive(String word) {
        return Pattern.compile("^#" + Py.S + "*" + word + ":" + Py.S + "*(" + Py.NS + "+)$", FLAGS);
    }

    private ProviderReader() {
    }

    /**
     * Whether a {@code .d} file's text declares a DTrace provider or its probes (<code>provider NAME {</code> or
     * {@code probe NAME(} at the start of a line, outside C comments): {@code .d} is also the D language's
     * extension and DTrace scripts', neither of which has such a line.
     */
    public static boolean declaresProvider(String text) {
        return DECLARES.matcher(withoutComments(text)).find();
    }

    /** The text with C comments blanked out (newlines kept): a provider line inside one does not count. */
    private static String withoutComments(String text) {
        int open = text.indexOf("/*");
        if (open < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text);
        while (open >= 0) {
            int close = text.indexOf("*/", open + 2);
            int end = close < 0 ? text.length() : close + 2;
            for (int i = open; i < end; i++) {
                if (b.charAt(i) != '\n') {
                    b.setCharAt(i, ' ');
                }
            }
            open = close < 0 ? -1 : text.indexOf("/*", end);
        }
        return b.toString();
    }

    /** A group being read. */
    private static final class GroupBuilder {
        final String file;
        final Span fileSpan;
        final int start;
        int end;
        String prefix;
        Span prefixSpan;
        String binary;
        Span binarySpan;
        String module;
        Span moduleSpan;

        GroupBuilder(String file, Span fileSpan, int start, int end) {
            this.file = file;
            this.fileSpan = fileSpan;
            this.start = start;
            this.end = end;
        }

        ProbeGroup build() {
            return new ProbeGroup(file, fileSpan, prefix, prefixSpan, binary, binarySpan, module, moduleSpan,
                    new Span(start, end));
        }
    }

    /** A probe being read: its argument text and, for each of its characters, where it is in the file. */
    private static final class Pending {
        final String provider;
        final int group;
        final String name;
        final Span nameSpan;
        final int start;
        int end;
        final StringBuilder args = new StringBuilder();
        int[] offsets = new int[16];

        Pending(String provider, int group, String name, Span nameSpan, int start) {
            this.provider = provider;
            this.group = group;
            this.name = name;
            this.nameSpan = nameSpan;
            this.start = start;
        }

        void append(String line, int lineOffset, int from, int to) {
            for (int i = from; i < to; i++) {
                if (args.length() == offsets.length) {
                    offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
                }
                offsets[args.length()] = lineOffset + i;
                args.append(line.charAt(i));
            }
        }

        ProviderProbe build(int group, boolean closed) {
            return new ProviderProbe(provider, group, name, nameSpan, new Span(start, Math.max(start, end)),
                    args(), args.toString(), closed);
        }

        private List<ProbeArg> args() {
            String all = args.toString();
            List<ProbeArg> out = new ArrayList<>();
            if (Py.strip(all).isEmpty()) {
                return out; // probe foo(): no argument (the script stops on it: ProviderChecks)
            }
            int from = 0;
            for (String piece : all.split(",", -1)) {
                int to = from + piece.length();
                int a = Py.stripStart(all, from, to);
                int b = Py.stripEnd(all, a, to);
                Span span = span(a, b);
                String declaration = all.substring(a, b);
                Matcher m = ARG_NAME.matcher(piece);
                String name = null;
                Span nameSpan = null;
                String type = declaration;
                if (m.find()) {
                    name = m.group(1);
                    nameSpan = span(from + m.start(1), from + m.end(1));
                    int typeStart = Py.stripStart(all, from, from + m.start(1));
                    type = all.substring(typeStart, Py.stripEnd(all, typeStart, from + m.start(1)));
                }
                out.add(new ProbeArg(piece, span, declaration, type, name, nameSpan, piece.contains("char *")));
                from = to + 1;
            }
            return out;
        }

        /** The file's span of [a, b) of the argument text. */
        private Span span(int a, int b) {
            if (b <= a) {
                int at = a < args.length() ? offsets[a] : args.length() > 0 ? offsets[args.length() - 1] + 1 : end;
                return Span.at(at);
            }
            return new Span(offsets[a], offsets[b - 1] + 1);
        }
    }

    public static ProviderFile read(String path, String content) {
        SourceText text = new SourceText(content);
        List<ProviderDecl> providers = new ArrayList<>();
        List<GroupBuilder> groups = new ArrayList<>();
        List<ProviderProbe> probes = new ArrayList<>();
        List<Span> closings = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        String provider = "";
        Pending pending = null;
        for (int n = 0; n < text.lineCount(); n++) {
            int lineStart = text.lineStart(n);
            String line = text.lineContent(n);
            int a = Py.stripStart(line, 0, line.length());
            int b = Py.stripEnd(line, a, line.length());
            if (a == b) {
                continue;
            }
            String s = line.substring(a, b);
            int at = lineStart + a;
            Span whole = new Span(at, lineStart + b);
            if (s.contains("provider ") && s.contains("{")) {
                Matcher m = PROVIDER_NAME.matcher(s);
                ProviderDecl d = m.find() ? new ProviderDecl(m.group(1), new Span(at + m.start(1), at + m.end(1)),
                        whole) : new ProviderDecl("", Span.at(at), whole);
                providers.add(d);
                provider = d.name();
                continue;
            }
            if (s.contains("};")) {
                closings.add(whole);
                continue;
            }
            GroupBuilder current = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (s.startsWith("#")) {
                Matcher m = FILE.matcher(s);
                if (m.find()) {
                    groups.add(new GroupBuilder(m.group(1), new Span(at + m.start(1), at + m.end(1)), at,
                            whole.end()));
                    continue;
                }
                for (Pattern p : List.of(PREFIX, BINARY, MODULE)) {
                    m = p.matcher(s);
                    if (!m.find()) {
                        continue;
                    }
                    Span value = new Span(at + m.start(1), at + m.end(1));
                    if (current == null) {
                        String word = p == PREFIX ? "prefix" : p == BINARY ? "binary" : "module";
                        problems.add(Diagnostic.of(ProviderRules.OUTSIDE_FILE, whole, "'# " + word
                                + ":' before any '# file:' comment: libvirt's dtrace2systemtap.py stops"
                                + " (KeyError: None)"));
                    } else if (p == PREFIX) {
                        current.prefix = m.group(1);
                        current.prefixSpan = value;
                    } else if (p == BINARY) {
                        current.binary = m.group(1);
                        current.binarySpan = value;
                    } else {
                        current.module = m.group(1);
                        current.moduleSpan = value;
                    }
                    if (current != null) {
                        current.end = whole.end();
                    }
                    break;
                }
                continue; // any other comment is ignored
            }
            Matcher m = PROBE.matcher(s);
            if (m.find()) {
                if (pending != null) {
                    probes.add(pending.build(pending.group, false));
                }
                int group = groups.size() - 1;
                pending = new Pending(provider, group, m.group(1), new Span(at + m.start(1), at + m.end(1)),
                        at + m.start());
                pending.append(line, lineStart, a + m.start(2), a + m.end(2));
                pending.end = whole.end();
                if (m.group(3) != null) {
                    pending = complete(pending, groups, probes, problems);
                }
            } else if (pending != null) {
                Matcher c = CONTINUATION.matcher(s);
                c.find(); // always matches
                pending.append(line, lineStart, a + c.start(1), a + c.end(1));
                pending.end = whole.end();
                if (c.group(2) != null) {
                    pending = complete(pending, groups, probes, problems);
                }
            } else {
                problems.add(Diagnostic.of(ProviderRules.SYNTAX, whole, "unexpected data " + s + " on line "
                        + (n + 1)));
            }
        }
        if (pending != null) {
            probes.add(pending.build(pending.group, false));
        }
        List<ProbeGroup> built = new ArrayList<>();
        for (GroupBuilder g : groups) {
            built.add(g.build());
        }
        return new ProviderFile(path, text, providers, built, probes, closings, problems);
    }

    /** A probe closed by {@code );}: filed under the group current now, as the script files it. */
    private static Pending complete(Pending p, List<GroupBuilder> groups, List<ProviderProbe> probes,
                                    List<Diagnostic> problems) {
        int group = groups.size() - 1;
        ProviderProbe probe = p.build(group, true);
        probes.add(probe);
        if (group < 0) {
            problems.add(Diagnostic.of(ProviderRules.OUTSIDE_FILE, probe.nameSpan(), "probe '" + probe.name()
                    + "' before any '# file:' comment: libvirt's dtrace2systemtap.py stops (KeyError: None)"));
        } else {
            GroupBuilder g = groups.get(group);
            g.end = Math.max(g.end, probe.span().end());
        }
        return null;
    }
}
