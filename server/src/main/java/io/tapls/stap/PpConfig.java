package io.tapls.stap;

import java.util.Map;

/**
 * What the preprocessor's conditions compare against. The defaults are those of the stap-oracle's
 * fake kernel (x86_64, 6.1.0, kernel runtime, guru mode), so that the branch tapls treats as active is
 * the one stap -p1 takes there; the other branches are analysed too.
 */
public record PpConfig(String kernelV, String kernelVr, String arch, String runtime, String systemtapV,
        String privilege, boolean guru, Map<String, String> config) {
    public static final Map<String, String> FAKE_KERNEL_CONFIG = Map.ofEntries(
            Map.entry("CONFIG_64BIT", "y"), Map.entry("CONFIG_X86_64", "y"), Map.entry("CONFIG_X86", "y"),
            Map.entry("CONFIG_KPROBES", "y"), Map.entry("CONFIG_KRETPROBES", "y"), Map.entry("CONFIG_UPROBES", "y"),
            Map.entry("CONFIG_UPROBE_EVENTS", "y"), Map.entry("CONFIG_TRACEPOINTS", "y"),
            Map.entry("CONFIG_PERF_EVENTS", "y"), Map.entry("CONFIG_HZ", "250"), Map.entry("CONFIG_SMP", "y"),
            Map.entry("CONFIG_NR_CPUS", "64"), Map.entry("CONFIG_MODULES", "y"), Map.entry("CONFIG_NET", "y"),
            Map.entry("CONFIG_COMPAT", "y"), Map.entry("CONFIG_IA32_EMULATION", "y"),
            Map.entry("CONFIG_HIGH_RES_TIMERS", "y"), Map.entry("CONFIG_DEBUG_INFO", "y"),
            Map.entry("CONFIG_UTRACE", "n"));

    public static PpConfig defaults() {
        return new PpConfig("6.1.0", "6.1.0-fake", "x86_64", "kernel", "4.8", "stapdev", true, FAKE_KERNEL_CONFIG);
    }

    /**
     * The fake kernel's configuration for another target: stap's {@code -a ARCH}, {@code -r RELEASE} and
     * {@code --runtime=MODE}; a null argument keeps the default.
     */
    public static PpConfig target(String arch, String kernelRelease, String runtime) {
        PpConfig d = defaults();
        String release = kernelRelease == null || kernelRelease.isEmpty() ? d.kernelVr : kernelRelease;
        // %( kernel_v %) compares the version without its local suffix: 6.1.0-13-amd64 -> 6.1.0
        String v = release.replaceFirst("^(\\d+(?:\\.\\d+)*).*$", "$1");
        return new PpConfig(v, release, arch == null || arch.isEmpty() ? d.arch : arch,
                runtime == null || runtime.isEmpty() ? d.runtime : runtime, d.systemtapV, d.privilege, d.guru,
                d.config);
    }

    public PpConfig withRuntime(String newRuntime) {
        return new PpConfig(kernelV, kernelVr, arch, newRuntime, systemtapV, privilege, guru, config);
    }

    /** The runtime stap-oracle uses for a file: bpf for files under a bpf/ directory. */
    public PpConfig forPath(String path) {
        return path.replace('\\', '/').contains("/bpf/") ? withRuntime("bpf") : this;
    }

    // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
    // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
    @Override
    public boolean equals(Object o) {
        return o instanceof PpConfig p && java.util.Objects.equals(kernelV, p.kernelV)
                && java.util.Objects.equals(kernelVr, p.kernelVr) && java.util.Objects.equals(arch, p.arch)
                && java.util.Objects.equals(runtime, p.runtime) && java.util.Objects.equals(systemtapV, p.systemtapV)
                && java.util.Objects.equals(privilege, p.privilege) && guru == p.guru
                && java.util.Objects.equals(config, p.config);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(new Object[] {kernelV, kernelVr, arch, runtime, systemtapV, privilege, guru,
                config});
    }
}
