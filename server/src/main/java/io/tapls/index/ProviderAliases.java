package io.tapls.index;

import io.tapls.provider.ProviderAlias;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderTapset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index entries of the aliases libvirt's dtrace2systemtap.py writes from a provider file
 * ({@link ProviderTapset#aliases}): {@code WORD.PREFIX.REST = process("BINARY").mark("NAME")}, binding each
 * argument as a long, or a string for {@code char *} ones. Their {@code file} is the provider file's path.
 */
public final class ProviderAliases {
    private ProviderAliases() {
    }

    public static List<TapsetIndex.AliasEntry> of(ProviderFile file, ProviderTapset.Options options) {
        List<TapsetIndex.AliasEntry> out = new ArrayList<>();
        for (ProviderAlias a : ProviderTapset.aliases(file, options)) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (ProviderAlias.Variable v : a.variables()) {
                variables.putIfAbsent(v.name(), v.stapType());
            }
            out.add(new TapsetIndex.AliasEntry(a.name(), List.of(a.point()), false, variables, Set.of(), null,
                    file.path(), true, null, null));
        }
        return out;
    }
}
