package io.tapls.provider;

import java.util.List;

/**
 * A probe alias libvirt's dtrace2systemtap.py writes for a probe:
 * {@code probe NAME = process("BINARY").mark("MARK") { var = $argN; ... }}.
 *
 * @param name      the alias, e.g. {@code libvirt.rpc.client_msg_rx}
 * @param binary    the process the mark is in
 * @param probe     the probe it is made from (its name is the mark's)
 * @param group     the index of the probe's group in {@link ProviderFile#groups()}
 * @param variables what the body binds, in order
 */
public record ProviderAlias(String name, String binary, ProviderProbe probe, int group, List<Variable> variables) {
    public ProviderAlias {
        variables = List.copyOf(variables);
    }

    /**
     * A variable the body binds: {@code name = $argN;}, or {@code name = user_string($argN);} for a string
     * (an argument whose declaration holds {@code char *}).
     *
     * @param argument the argument's position, from 1
     * @param cType    the argument's declaration without its name, e.g. {@code const char *}
     */
    public record Variable(String name, int argument, boolean string, String cType) {
        /** The SystemTap type of the variable. */
        public String stapType() {
            return string ? "string" : "long";
        }
    }

    /** The probe point the alias stands for. */
    public String point() {
        return "process(\"" + binary + "\").mark(\"" + probe.name() + "\")";
    }
}
