package io.tapls.workspace;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.TextEdit;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.provider.ProviderRules;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The probes of a DTrace provider file that no C file fires, with a fix that deletes the declaration: the
 * provider side of {@link UnusedEvents}. A probe is used when a C file in its scope names one of the macros
 * dtrace -h declares for it ({@code PROVIDER_NAME} to fire it, {@code PROVIDER_NAME_ENABLED} to test it; as with
 * events, any use in code counts, since deleting the probe would break the build) or gives its name to libvirt's
 * {@code PROBE(NAME, ...)} / {@code PROBE_QUIET(NAME, ...)} (src/util/virprobe.h pastes {@code LIBVIRT_} before
 * it). Comments and strings are not uses ({@link io.tapls.csource.CScanner}).
 *
 * <p>The scope is the provider file's directory and everything below it: libvirt keeps
 * {@code src/libvirt_probes.d} in {@code src/} and fires its probes from {@code src/rpc/}, {@code src/util/},
 * {@code src/remote/} ... (one level down, sometimes more), and {@code src/qemu/libvirt_qemu_probes.d}'s from
 * {@code src/qemu/}. Nothing is reported where that scope holds no C file (a provider file alone, a corpus), for
 * a probe outside any provider (dtrace -h declares no macro for it: {@code provider-declaration}) or one never
 * closed ({@code provider-unclosed-probe}).
 */
public final class UnusedProbes {
    private UnusedProbes() {
    }

    /**
     * The file's unused probes; {@code path} is where the file is (its directory is what counts). {@code sites}
     * must keep the file's providers' {@code PROVIDER_} prefixes and libvirt's wrappers
     * ({@link Workspace#callSites(ProviderFile)}).
     */
    public static List<Diagnostic> check(ProviderFile file, Path path, CallSites sites) {
        if (path == null || file.probes().isEmpty()) {
            return List.of();
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        if (dir == null) {
            return List.of();
        }
        CallSites.Names names = null;
        List<Diagnostic> out = new ArrayList<>();
        for (ProviderProbe p : file.probes()) {
            if (p.provider().isEmpty() || !p.closed()) {
                continue;
            }
            if (names == null) {
                names = sites.names(dir, CallSites.Scope.SUBTREE);
                if (names.files().isEmpty()) {
                    return List.of();
                }
            }
            // the wrapper's argument is read as LIBVIRT_NAME: the same identifier as the macro
            if (names.names().contains(p.macroName()) || names.names().contains(p.enabledMacroName())) {
                continue;
            }
            out.add(Diagnostic.of(ProviderRules.UNUSED_PROBE, p.nameSpan(), "probe '" + p.name() + "' is not used:"
                    + " no C file in this directory or below it uses " + spellings(p),
                    new Fix("Delete the unused probe '" + p.name() + "'",
                            List.of(new TextEdit(declaration(file.text(), p.span()), "")))));
        }
        return out;
    }

    /** The names a probe is used by in C, as the message lists them. */
    private static String spellings(ProviderProbe p) {
        String pasted = ProviderProbe.LIBVIRT_WRAPPERS.get("PROBE");
        if (p.macroName().startsWith(pasted)) {
            // libvirt's wrapper pastes LIBVIRT_ before its first argument: only a 'libvirt' provider's probes
            return "dtrace -h's " + p.macroName() + "() or " + p.enabledMacroName() + "(), nor PROBE("
                    + p.macroName().substring(pasted.length()) + ", ...)";
        }
        return "dtrace -h's " + p.macroName() + "() or " + p.enabledMacroName() + "()";
    }

    /**
     * What deleting the declaration removes: its lines, line breaks included, when nothing else is on them;
     * else (another declaration before it on its first line) the declaration's own text only.
     */
    static Span declaration(SourceText text, Span span) {
        int first = text.lineOf(span.start());
        int last = text.lineOf(span.end());
        int start = text.lineStart(first);
        if (!text.text().substring(start, span.start()).isBlank()
                || !text.text().substring(span.end(), text.lineContentEnd(last)).isBlank()) {
            return span;
        }
        int end = last + 1 < text.lineCount() ? text.lineStart(last + 1) : text.length();
        return new Span(start, end);
    }
}
