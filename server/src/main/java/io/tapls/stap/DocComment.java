package io.tapls.stap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kernel-doc comment: {@code /** probe NAME - short}, {@code sfunction NAME - short}, {@code smacro ...},
 * then {@code @var: text} lines and sections such as {@code Description:} and {@code Context:}.
 */
public record DocComment(String kind, String name, String summary, Map<String, String> vars,
        Map<String, String> sections, String raw, int start, int end) {

    public static DocComment parse(String raw, int start, int end) {
        // "/**/" is an empty comment, not the start of a doc comment: its "*/" is the "**" of "/**"
        if (!raw.startsWith("/**") || raw.equals("/**/")) {
            return null;
        }
        String body = raw.substring(3, raw.endsWith("*/") ? raw.length() - 2 : raw.length());
        String[] lines = body.split("\r?\n|\r");
        String kind = null;
        String name = null;
        String summary = "";
        Map<String, String> vars = new LinkedHashMap<>();
        Map<String, String> sections = new LinkedHashMap<>();
        String currentVar = null;
        String currentSection = null;
        boolean inVars = true;
        for (String line0 : lines) {
            String line = line0.strip();
            if (line.startsWith("*")) {
                line = line.substring(1);
                if (line.startsWith(" ")) {
                    line = line.substring(1);
                }
            }
            String t = line.strip();
            if (kind == null) {
                if (t.isEmpty()) {
                    continue;
                }
                int sp = t.indexOf(' ');
                String first = sp < 0 ? t : t.substring(0, sp);
                String rest = sp < 0 ? "" : t.substring(sp + 1).strip();
                if (first.equals("probe") || first.equals("sfunction") || first.equals("smacro")
                        || first.equals("function") || first.equals("tapset")) {
                    kind = first;
                } else {
                    kind = "";
                    rest = t;
                }
                java.util.regex.Matcher nm = NAME.matcher(rest);
                if (nm.find()) {
                    name = nm.group(1);
                    summary = rest.substring(nm.end()).replaceFirst("^[\\s-]+", "").strip();
                } else {
                    name = rest;
                }
                continue;
            }
            java.util.regex.Matcher m = VAR.matcher(t);
            java.util.regex.Matcher s = SECTION.matcher(t);
            if (inVars && currentSection == null && m.matches()) {
                currentVar = m.group(1);
                vars.put(currentVar, m.group(2).strip());
            } else if (s.matches()) {
                currentVar = null;
                inVars = false;
                currentSection = s.group(1);
                sections.merge(currentSection, s.group(2).strip(), (a, b) -> a + "\n" + b);
            } else if (t.isEmpty()) {
                if (currentVar != null) {
                    inVars = false;
                }
                currentVar = null;
                if (currentSection != null) {
                    sections.merge(currentSection, "", (a, b) -> a + "\n");
                }
            } else if (currentVar != null) {
                vars.merge(currentVar, t, (a, b) -> a + " " + b);
            } else {
                String sec = currentSection == null ? "Description" : currentSection;
                sections.merge(sec, t, (a, b) -> a.isEmpty() || a.endsWith("\n") ? a + b : a + " " + b);
                currentSection = sec;
            }
        }
        sections.replaceAll((k, v) -> v.strip());
        return new DocComment(kind == null ? "" : kind, name == null ? "" : name, summary, vars, sections, raw, start,
                end);
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("^[\\s-]*([A-Za-z_$@][A-Za-z0-9_$.*]*(?:\\([^)]*\\))?(?:\\.[A-Za-z0-9_$*]+)*)");
    private static final java.util.regex.Pattern VAR = java.util.regex.Pattern.compile("@([A-Za-z_$][A-Za-z0-9_$]*):-?(.*)");
    private static final java.util.regex.Pattern SECTION = java.util.regex.Pattern.compile("([A-Z][A-Za-z ]{1,30}):(.*)");
}
