package io.tapls.features;

import io.tapls.index.TapsetIndex;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Macro;
import io.tapls.stap.ProbeAlias;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.Token;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Go to definition in a SystemTap script: a probe point to the alias it names (its line in a tapset or in this
 * script), or, for an alias tracetool derives from an event, to the event's line in its trace-events file (for one
 * libvirt's dtrace2systemtap.py derives from a provider file, to the probe's name there); a
 * function, global or macro to its declaration, in this script first.
 */
public final class Definition {
    private Definition() {
    }

    public static List<Location> definition(Workspace workspace, Document document, int offset) {
        if (document.kind() != FileKind.STAP) {
            return List.of();
        }
        int at = Math.max(0, Math.min(offset, document.text().text().length()));
        ScriptContext cx = ScriptContext.at(document, at);
        ScriptSymbol symbol = ScriptSymbol.at(cx, at);
        if (symbol == null) {
            return List.of();
        }
        StapFile own = workspace.parse(document);
        Set<Location> out = new LinkedHashSet<>();
        switch (symbol.kind()) {
            case PROBE_POINT -> {
                for (ProbeAlias a : own.aliases()) {
                    for (ProbePoint n : a.names()) {
                        if (n.name().equals(symbol.name())) {
                            out.add(at(n.start()));
                        }
                    }
                }
                TapsetIndex index = workspace.index();
                for (String name : symbol.name().contains("*") ? index.matching(symbol.name())
                        : List.of(symbol.name())) {
                    out.addAll(aliasLocations(workspace, index, name));
                }
            }
            case FUNCTION -> {
                for (Function f : own.functions()) {
                    if (f.name().equals(symbol.name()) && f.nameTok() != null) {
                        out.add(at(f.nameTok()));
                    }
                }
                if (out.isEmpty()) {
                    // The definitions stap would use for the configured target, when there are any; the
                    // library also holds other runtimes' (bpf/, dyninst/).
                    List<TapsetIndex.FunctionEntry> all = workspace.index().function(symbol.name());
                    boolean anyOnPath = all.stream().anyMatch(TapsetIndex.FunctionEntry::onSearchPath);
                    for (TapsetIndex.FunctionEntry f : all) {
                        if (!f.onSearchPath() && anyOnPath) {
                            continue;
                        }
                        if (f.function().nameTok() != null) {
                            out.add(at(f.function().nameTok()));
                        } else {
                            out.addAll(Declarations.find(f.file(), Declarations.Kind.FUNCTION, symbol.name()));
                        }
                    }
                }
            }
            case MACRO -> {
                for (Macro m : own.macros()) {
                    if (m.name().equals(symbol.name())) {
                        out.add(at(m.tok()));
                    }
                }
                Macro lib = workspace.index().macros().get(symbol.name());
                if (out.isEmpty() && lib != null && lib.tok() != null) {
                    out.add(at(lib.tok()));
                }
            }
            case IDENTIFIER -> {
                for (Global g : own.globals()) {
                    if (g.name().equals(symbol.name())) {
                        out.add(at(g.tok()));
                    }
                }
                if (out.isEmpty()) {
                    for (Global g : workspace.index().globals().getOrDefault(symbol.name(), List.of())) {
                        if (g.tok() != null) {
                            out.add(at(g.tok()));
                        }
                    }
                }
            }
            default -> {
            }
        }
        return new ArrayList<>(out);
    }

    /** Where an alias is defined: its name in a tapset, or its event's name in a trace-events file. */
    static List<Location> aliasLocations(Workspace workspace, TapsetIndex index, String name) {
        List<Location> out = new ArrayList<>();
        List<TapsetIndex.AliasEntry> all = index.alias(name);
        boolean anyOnPath = all.stream().anyMatch(e -> e.onSearchPath() && e.fromTapset());
        for (TapsetIndex.AliasEntry e : all) {
            if (e.fromTapset()) {
                if (anyOnPath && !e.onSearchPath()) {
                    continue; // another runtime's (bpf/, dyninst/) when the configured target has one
                }
                if (e.alias() != null) {
                    for (ProbePoint n : e.alias().names()) {
                        if (n.name().equals(name)) {
                            out.add(at(n.start()));
                        }
                    }
                } else {
                    out.addAll(Declarations.find(e.file(), Declarations.Kind.ALIAS, name));
                }
            } else if (e.file() != null && FileKind.ofName(e.file().substring(e.file().lastIndexOf('/') + 1))
                    == FileKind.PROVIDER) {
                // derived from a provider file: its probe's name there
                workspace.providerAlias(name).filter(site -> site.file().path().equals(e.file())).ifPresent(site ->
                        out.add(Location.of(site.file().path(), site.file().text(), site.alias().probe().nameSpan())));
            } else {
                String event = name.substring(name.lastIndexOf('.') + 1);
                workspace.event(event).ifPresent(site -> out.add(Location.of(site.file().name(), site.file().text(),
                        site.event().nameSpan())));
            }
        }
        return out;
    }

    private static Location at(Token t) {
        return Location.of(t.unit.path, t.unit.text(), new Span(t.start, t.end));
    }
}
