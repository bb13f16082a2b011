package io.tapls.tracetool;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Meson's probe prefixes (spec/tracetool.md B.0) and qemu-trace-stap's (C), which differs for user-mode
 * emulators and qemu-storage-daemon.
 * <ul>
 * <li>{@code qemu-system-TARGET} gives {@code qemu.system.TARGET};</li>
 * <li>a tool, {@code qemu-img}, {@code qemu-storage-daemon}, ..., gives {@code qemu.} + the rest with '-' made
 *     '_' ({@code qemu.img}, {@code qemu.storage_daemon});</li>
 * <li>any other {@code qemu-TARGET} is a user-mode emulator: {@code qemu.user.TARGET}. Target names never
 *     contain '-', so a name with one is taken for a tool.</li>
 * </ul>
 */
public final class ProbePrefix {
    /** QEMU's executables that are not emulators (meson.build, contrib/). */
    static final Set<String> TOOLS = Set.of("img", "io", "nbd", "storage-daemon", "pr-helper", "vmsr-helper",
            "bridge-helper", "edid", "keymap", "ga");

    /** The prefix scripts are checked against when none is configured: qemu-system-x86_64's. */
    public static final String DEFAULT = "qemu.system.x86_64";

    /** Where the binaries are installed (Debian's --prefix=/usr; meson's default is /usr/local). */
    static final String BINDIR = "/usr/bin";

    private ProbePrefix() {
    }

    /**
     * QEMU's system emulators by the directory of their target code (configs/targets/*-softmmu.mak,
     * TARGET_BASE_ARCH): {@code target/arm} is built into qemu-system-arm and qemu-system-aarch64.
     */
    static final Map<String, List<String>> SYSTEM_TARGETS = Map.ofEntries(
            Map.entry("alpha", List.of("alpha")), Map.entry("arm", List.of("arm", "aarch64")),
            Map.entry("avr", List.of("avr")), Map.entry("hppa", List.of("hppa")),
            Map.entry("i386", List.of("i386", "x86_64")), Map.entry("loongarch", List.of("loongarch64")),
            Map.entry("m68k", List.of("m68k")), Map.entry("microblaze", List.of("microblaze", "microblazeel")),
            Map.entry("mips", List.of("mips", "mipsel", "mips64", "mips64el")), Map.entry("openrisc", List.of("or1k")),
            Map.entry("ppc", List.of("ppc", "ppc64")), Map.entry("riscv", List.of("riscv32", "riscv64")),
            Map.entry("rx", List.of("rx")), Map.entry("s390x", List.of("s390x")),
            Map.entry("sh4", List.of("sh4", "sh4eb")), Map.entry("sparc", List.of("sparc", "sparc64")),
            Map.entry("tricore", List.of("tricore")), Map.entry("xtensa", List.of("xtensa", "xtensaeb")));

    /**
     * The prefixes to derive aliases for when none is configured: {@link #DEFAULT}, then those of the system
     * emulators meson builds from the target directories the trace-events files are in ({@code target/arm/...}
     * gives {@code qemu.system.arm} and {@code qemu.system.aarch64}). Every emulator gets every event
     * (meson's trace-events-all), so each prefix names all of them.
     */
    public static List<String> defaults(Collection<String> traceEventsPaths) {
        Set<String> out = new LinkedHashSet<>();
        out.add(DEFAULT);
        for (String path : traceEventsPaths) {
            String[] parts = path.replace('\\', '/').split("/");
            for (int i = 0; i + 1 < parts.length; i++) {
                if (parts[i].equals("target")) {
                    for (String t : SYSTEM_TARGETS.getOrDefault(parts[i + 1], List.of())) {
                        out.add("qemu.system." + t);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether the events of a trace-events file can fire in the binary of a prefix. A file under
     * {@code target/DIR} traces that target's code, which is built only into the system emulators
     * {@link #SYSTEM_TARGETS} names for DIR ({@code target/arm} into qemu-system-arm and qemu-system-aarch64,
     * not qemu-system-x86_64). Any other file, a target directory not listed there, or a prefix that is not a
     * system emulator's: no claim (true).
     */
    public static boolean builtInto(String traceEventsPath, String prefix) {
        if (!prefix.startsWith("qemu.system.")) {
            return true;
        }
        String target = prefix.substring("qemu.system.".length());
        String[] parts = traceEventsPath.replace('\\', '/').split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            List<String> targets = parts[i].equals("target") ? SYSTEM_TARGETS.get(parts[i + 1]) : null;
            if (targets != null) {
                return targets.contains(target);
            }
        }
        return true;
    }

    /**
     * The binary meson builds for a prefix, the inverse of {@link #forBinary}: {@code qemu.system.x86_64} →
     * {@code /usr/bin/qemu-system-x86_64}, {@code qemu.user.arm} → {@code /usr/bin/qemu-arm},
     * {@code qemu.storage_daemon} → {@code /usr/bin/qemu-storage-daemon}. A prefix that is not QEMU's gets its
     * dots made dashes.
     */
    public static String binaryFor(String prefix) {
        String exe;
        if (prefix.startsWith("qemu.system.")) {
            exe = "qemu-system-" + prefix.substring("qemu.system.".length());
        } else if (prefix.startsWith("qemu.user.")) {
            exe = "qemu-" + prefix.substring("qemu.user.".length());
        } else if (prefix.startsWith("qemu.")) {
            exe = "qemu-" + prefix.substring("qemu.".length()).replace('_', '-');
        } else {
            exe = prefix.replace('.', '-');
        }
        return BINDIR + "/" + exe;
    }

    /** The prefix meson uses for the binary (a path or a bare name), or empty when it is not a QEMU binary. */
    public static Optional<String> forBinary(String binary) {
        String exe = exeName(binary);
        if (!exe.startsWith("qemu-") || exe.length() == "qemu-".length()) {
            return Optional.empty();
        }
        String rest = exe.substring("qemu-".length());
        if (rest.startsWith("system-") && rest.length() > "system-".length()) {
            return Optional.of("qemu.system." + rest.substring("system-".length()));
        }
        if (TOOLS.contains(rest) || rest.indexOf('-') >= 0) {
            return Optional.of("qemu." + rest.replace('-', '_'));
        }
        return Optional.of("qemu.user." + rest);
    }

    /**
     * The prefix a user means by a binary or a prefix (as {@code qemu-trace-stap list} takes either): a path or
     * a {@code qemu-*} name is a binary, and gives its meson prefix ({@link #forBinary}: empty when it is not a
     * QEMU binary); anything else is taken for a prefix as it is (empty when it is empty).
     */
    public static Optional<String> ofBinaryOrPrefix(String target) {
        if (target.indexOf('/') >= 0 || exeName(target).startsWith("qemu-")) {
            return forBinary(target);
        }
        return target.isEmpty() ? Optional.empty() : Optional.of(target);
    }

    /** What qemu-trace-stap derives (its bug: every '-' becomes '.'), without its ".log". */
    public static String qemuTraceStap(String binary) {
        return exeName(binary).replace('-', '.');
    }

    /** The binary's file name. */
    public static String exeName(String binary) {
        int slash = binary.lastIndexOf('/');
        return slash >= 0 ? binary.substring(slash + 1) : binary;
    }
}
