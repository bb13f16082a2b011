package io.tapls.provider;

import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DTrace provider file as libvirt writes them ({@code src/libvirt_probes.d}): {@code provider NAME {},
 * probes grouped by {@code # file:} comments, {@code };}. Reading never fails: what libvirt's
 * dtrace2systemtap.py cannot read is in {@code problems} and the rest is read as that script reads it.
 *
 * @param path      the file's path as the user gave it
 * @param providers the provider lines, in order
 * @param groups    the {@code # file:} groups, in order (a path may come twice)
 * @param probes    every probe, in order, closed or not
 * @param closings  the {@code };} lines
 * @param problems  what the reading itself found (the checks of the model add theirs: {@link ProviderChecks})
 */
public record ProviderFile(String path, SourceText text, List<ProviderDecl> providers, List<ProbeGroup> groups,
        List<ProviderProbe> probes, List<Span> closings, List<Diagnostic> problems) {
    public ProviderFile {
        providers = List.copyOf(providers);
        groups = List.copyOf(groups);
        probes = List.copyOf(probes);
        closings = List.copyOf(closings);
        problems = List.copyOf(problems);
    }

    /** The group of a probe, if it has one. */
    public Optional<ProbeGroup> groupOf(ProviderProbe probe) {
        return probe.group() < 0 ? Optional.empty() : Optional.of(groups.get(probe.group()));
    }

    /** The closed probes filed under the group at this index: what libvirt's script generates from. */
    public List<ProviderProbe> probesOf(int group) {
        List<ProviderProbe> out = new ArrayList<>();
        for (ProviderProbe p : probes) {
            if (p.closed() && p.group() == group && group >= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The probe whose declaration holds the offset, or null. */
    public ProviderProbe probeAt(int offset) {
        for (ProviderProbe p : probes) {
            if (p.span().start() <= offset && offset <= p.span().end()) {
                return p;
            }
        }
        return null;
    }
}
