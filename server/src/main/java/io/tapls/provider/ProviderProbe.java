package io.tapls.provider;

import io.tapls.text.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code probe NAME(ARGS);} declaration, possibly over several lines.
 *
 * @param provider the name of the provider line before it, or "" when there is none
 * @param group    the index of its {@link ProbeGroup} in {@link ProviderFile#groups()} (the group current when
 *                 its {@code );} was read, as libvirt's script files it), or -1 before any {@code # file:}
 * @param name     the probe's name, which is also its SDT mark's
 * @param nameSpan where the name is
 * @param span     from {@code probe} to the end of its last line
 * @param args     its arguments in order (none for an empty list)
 * @param argsText the argument list as libvirt's script reads it: the text between the parentheses, the
 *                 stripped lines of a multi-line probe joined with nothing in between
 * @param closed   false for a probe no {@code );} at the end of a line closes: libvirt's script drops it
 */
public record ProviderProbe(String provider, int group, String name, Span nameSpan, Span span,
        List<ProbeArg> args, String argsText, boolean closed) {
    /**
     * How libvirt's C fires its probes: {@code PROBE(NAME, FMT, ...)} and {@code PROBE_QUIET(NAME, FMT, ...)},
     * which src/util/virprobe.h expands to {@code if (LIBVIRT_ ## NAME ## _ENABLED()) LIBVIRT_ ## NAME(...)}:
     * the first argument is dtrace -h's macro name without {@code LIBVIRT_} (the header writes that word
     * whatever the provider file calls its provider; only a provider named {@code libvirt} matches it).
     */
    public static final Map<String, String> LIBVIRT_WRAPPERS = Map.of("PROBE", "LIBVIRT_", "PROBE_QUIET", "LIBVIRT_");

    /** The provider's word in dtrace -h's macro names: its name upper-cased and '_'. */
    public static String macroPrefix(String provider) {
        return provider.toUpperCase(Locale.ROOT) + "_";
    }

    /** The macro dtrace -h defines to fire a probe of this name in this provider ({@link #macroName()}). */
    public static String macroName(String provider, String name) {
        return macroPrefix(provider) + name.replace("__", "_").toUpperCase(Locale.ROOT);
    }
    public ProviderProbe {
        args = List.copyOf(args);
    }

    /**
     * The macro dtrace -h defines to fire it, {@code PROVIDER_NAME} upper-cased with {@code __} in the probe's
     * name made {@code _} (systemtap's dtrace, _HeaderCreator.add_probe); called as {@code MACRO(args)}.
     */
    public String macroName() {
        return macroName(provider, name);
    }

    /** The macro dtrace -h defines to test whether it is enabled: {@code MACRO_ENABLED()}. */
    public String enabledMacroName() {
        return macroName() + "_ENABLED";
    }
}
