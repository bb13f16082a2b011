package io.tapls.workspace;

import io.tapls.diag.Rule;
import io.tapls.stap.PpConfig;
import io.tapls.stap.TapsetPath;
import io.tapls.traceevents.QemuVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything a user can set, in one record: what the server receives in {@code initializationOptions} and
 * {@code workspace/didChangeConfiguration}, and what the CLI's options map onto.
 *
 * @param qemuVersion     the QEMU release whose tracetool to follow
 * @param disabledRules   rule ids turned off
 * @param enabledRules    rule ids turned on that are off by default
 * @param syntaxOnly      for SystemTap files, only what stap's pass 1 reports
 * @param tapsetDirs      extra tapset directories, searched after the default library (stap -I)
 * @param defaultTapsets  whether the default library (/usr/share/systemtap/tapset or $SYSTEMTAP_TAPSET) is searched
 * @param traceEvents     trace-events files or directories whose aliases scripts may use, besides those under
 *                        the workspace's roots
 * @param probePrefixes   the prefixes to derive tracetool's aliases for; empty: {@link ProbePrefixes#defaults}
 * @param stapTarget      the target stap elaborates for: architecture, kernel version, runtime
 * @param scriptArguments the values of {@code $1}, {@code @1}, ... (stap's command-line arguments)
 * @param tapsetBinary    the executable the tapsets the editor generates are for (its path as installed), or
 *                        null: meson's binary of the first probe prefix
 * @param tapsetOutput    where the editor writes generated tapsets, or null: the first workspace root
 * @param providerFiles   DTrace provider files or directories whose aliases scripts may use, besides those under
 *                        the workspace's roots
 * @param providerPrefix  the first word of the aliases derived from provider files (libvirt's script always
 *                        writes {@code libvirt}); null: {@code libvirt}
 * @param unoptimized     elaborate scripts as {@code stap -u} does: unused code is type-checked too
 */
public record Settings(QemuVersion qemuVersion, Set<String> disabledRules, Set<String> enabledRules,
        boolean syntaxOnly, List<Path> tapsetDirs, boolean defaultTapsets, List<Path> traceEvents,
        List<String> probePrefixes, PpConfig stapTarget, List<String> scriptArguments, String tapsetBinary,
        Path tapsetOutput, List<Path> providerFiles, String providerPrefix, boolean unoptimized) {
    /** Settings that elaborate scripts as stap does by default (optimised). */
    public Settings(QemuVersion qemuVersion, Set<String> disabledRules, Set<String> enabledRules,
            boolean syntaxOnly, List<Path> tapsetDirs, boolean defaultTapsets, List<Path> traceEvents,
            List<String> probePrefixes, PpConfig stapTarget, List<String> scriptArguments, String tapsetBinary,
            Path tapsetOutput, List<Path> providerFiles, String providerPrefix) {
        this(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets, traceEvents,
                probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles, providerPrefix,
                false);
    }

    public Settings {
        qemuVersion = qemuVersion == null ? QemuVersion.CURRENT : qemuVersion;
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        tapsetDirs = List.copyOf(tapsetDirs);
        traceEvents = List.copyOf(traceEvents);
        probePrefixes = List.copyOf(probePrefixes);
        stapTarget = stapTarget == null ? PpConfig.defaults() : stapTarget;
        scriptArguments = List.copyOf(scriptArguments);
        providerFiles = providerFiles == null ? List.of() : List.copyOf(providerFiles);
        providerPrefix = providerPrefix == null || providerPrefix.isBlank() ? "libvirt" : providerPrefix.strip();
    }

    public static Settings defaults() {
        return new Settings(QemuVersion.CURRENT, Set.of(), Set.of(), false, List.of(), true, List.of(), List.of(),
                PpConfig.defaults(), List.of(), null, null, List.of(), null);
    }

    /** --disable wins over --enable; otherwise the rule's own default. */
    public boolean runs(Rule rule) {
        if (disabledRules.contains(rule.id())) {
            return false;
        }
        return rule.enabledByDefault() || enabledRules.contains(rule.id());
    }

    /** The tapset search path: the default library (when searched), then the extra directories. */
    public List<Path> tapsetRoots() {
        return TapsetPath.roots(defaultTapsets, tapsetDirs);
    }

    public Settings withQemuVersion(QemuVersion v) {
        return new Settings(v, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets, traceEvents,
                probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withRules(Set<String> disabled, Set<String> enabled) {
        return new Settings(qemuVersion, disabled, enabled, syntaxOnly, tapsetDirs, defaultTapsets, traceEvents,
                probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withSyntaxOnly(boolean only) {
        return new Settings(qemuVersion, disabledRules, enabledRules, only, tapsetDirs, defaultTapsets, traceEvents,
                probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withTapsets(List<Path> dirs, boolean searchDefault) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, dirs, searchDefault, traceEvents,
                probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withTraceEvents(List<Path> paths) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets, paths,
                probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withProbePrefixes(List<String> prefixes) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets,
                traceEvents, prefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withStapTarget(PpConfig target) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets,
                traceEvents, probePrefixes, target, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withGeneratedTapsets(String binary, Path output) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets,
                traceEvents, probePrefixes, stapTarget, scriptArguments, binary, output, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withUnoptimized(boolean u) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets,
                traceEvents, probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, u);
    }

    public Settings withScriptArguments(List<String> arguments) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets,
                traceEvents, probePrefixes, stapTarget, arguments, tapsetBinary, tapsetOutput, providerFiles,
                providerPrefix, unoptimized);
    }

    public Settings withProviders(List<Path> files, String prefix) {
        return new Settings(qemuVersion, disabledRules, enabledRules, syntaxOnly, tapsetDirs, defaultTapsets,
                traceEvents, probePrefixes, stapTarget, scriptArguments, tapsetBinary, tapsetOutput, files, prefix,
                unoptimized);
    }
}
