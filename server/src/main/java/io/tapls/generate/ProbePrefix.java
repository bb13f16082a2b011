package io.tapls.generate;

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

    private ProbePrefix() {
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
