package io.tapls.provider;

import static io.tapls.diag.Severity.ERROR;
import static io.tapls.diag.Severity.WARNING;

import io.tapls.diag.Rule;
import java.util.List;

/**
 * Every check on DTrace provider files written libvirt's way, with its stable id. The origin says who fails:
 * {@code libvirt} for what stops libvirt's scripts/dtrace2systemtap.py (it raises and writes no
 * tapset), {@code build} for what it accepts but turns into a tapset that loses probes, or that dtrace or stap
 * then reject.
 */
public final class ProviderRules {
    private ProviderRules() {
    }

    // What stops libvirt's scripts/dtrace2systemtap.py.
    public static final Rule SYNTAX = new Rule("provider-syntax", ERROR, "libvirt",
            "a line that is not blank, a '#' comment, the provider's '{' or '};' line, a 'probe NAME(' line or"
                    + " the continuation of one ('unexpected data')");
    public static final Rule OUTSIDE_FILE = new Rule("provider-probe-outside-file", ERROR, "libvirt",
            "a probe, or a '# prefix:', '# binary:' or '# module:' comment, before any '# file:' comment");
    public static final Rule MISSING_PREFIX = new Rule("provider-missing-prefix", ERROR, "libvirt",
            "a '# file:' group with probes has no '# prefix:' comment");
    public static final Rule MALFORMED_ARGUMENT = new Rule("provider-malformed-argument", ERROR,
            "libvirt", "an argument with no space before its last word, or a probe without arguments"
                    + " ('Malformed arg')");

    // What it accepts, and what then goes wrong.
    public static final Rule UNCLOSED_PROBE = new Rule("provider-unclosed-probe", ERROR, "build",
            "a probe that no line ending in ');' closes (libvirt's script drops it), or with text after ');'");
    public static final Rule DUPLICATE_PROBE = new Rule("provider-duplicate-probe", ERROR, "build",
            "two probes of one provider have the same macro name: dtrace -h defines PROVIDER_PROBE twice and the"
                    + " first one is lost");
    public static final Rule ARGUMENT_WITHOUT_NAME = new Rule("provider-argument-without-name", ERROR, "build",
            "an argument's last word is not a C identifier, or is a type word: the tapset binds a variable of"
                    + " that name");
    public static final Rule STAP_KEYWORD_ARGUMENT = new Rule("provider-stap-keyword-argument", ERROR, "stap",
            "an argument named as a SystemTap keyword (e.g. 'next'): the tapset's 'next = $arg1;' does not parse"
                    + " (libvirt's script does not rename it as tracetool does)");
    public static final Rule NO_PROVIDER = new Rule("provider-declaration", ERROR, "build",
            "a probe before any 'provider NAME {' line, or no such line: dtrace -h declares no macro for it");
    public static final Rule DTRACE_LINE_PARSER = new Rule("provider-dtrace-line-parser", WARNING, "dtrace",
            "a line systemtap's dtrace misreads when its grammar fails on the file (as it does on 'long long' or"
                    + " 'const unsigned char *') and it reads it line by line: a probe's first line or a comment"
                    + " holding 'provider' (taken for a provider line), a comment holding 'probe ' (taken for a probe)");
    public static final Rule NAME_PREFIX = new Rule("provider-name-prefix", WARNING, "libvirt",
            "a probe's name does not start with its group's prefix and '_' (or has it twice): its alias is not"
                    + " PREFIX_WORD.prefix.rest");
    public static final Rule DUPLICATE_FILE = new Rule("provider-duplicate-file", WARNING, "libvirt",
            "a second '# file:' comment for one path: libvirt's script keeps the last group of that path only,"
                    + " and writes it twice");


    // Checked against the C files on disk (io.tapls.workspace.UnusedProbes).
    public static final Rule UNUSED_PROBE = new Rule("provider-unused-probe", WARNING, "tapls",
            "no C file in the provider file's directory or below it uses the probe: neither dtrace -h's"
                    + " PROVIDER_NAME() nor PROVIDER_NAME_ENABLED(), nor libvirt's PROBE(NAME, ...); checked only where"
                    + " that scope holds C files");

    public static final List<Rule> ALL = List.of(SYNTAX, OUTSIDE_FILE, MISSING_PREFIX, MALFORMED_ARGUMENT,
            UNCLOSED_PROBE, DUPLICATE_PROBE, ARGUMENT_WITHOUT_NAME, STAP_KEYWORD_ARGUMENT, NO_PROVIDER, DTRACE_LINE_PARSER, NAME_PREFIX,
            DUPLICATE_FILE, UNUSED_PROBE);
}
