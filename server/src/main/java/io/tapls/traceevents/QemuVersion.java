package io.tapls.traceevents;

/**
 * The QEMU release whose tracetool a trace-events file is written for. The dialect differences all
 * follow from the version: properties and format rules changed over time (spec/tracetool.md A.3, A.4, F).
 */
public record QemuVersion(int major, int minor) implements Comparable<QemuVersion> {
    public static final QemuVersion CURRENT = new QemuVersion(10, 2);
    public static final QemuVersion LEGACY = new QemuVersion(7, 2);

    /** Parses "10.2", "7.2", "9" or "10.2.50"; throws IllegalArgumentException otherwise. */
    public static QemuVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major < 1 || minor < 0) {
                throw new NumberFormatException();
            }
            return new QemuVersion(major, minor);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("invalid QEMU version '" + text + "' (expected e.g. 10.2 or 7.2)");
        }
    }

    /**
     * The last minor release of each major series, 2 to {@link #CURRENT}'s: QEMU numbered 2.0 to 2.12, then
     * 3.0 and 3.1, and since 4.0 three releases a year, X.0 to X.2.
     */
    private static int lastMinor(int major) {
        return switch (major) {
            case 2 -> 12;
            case 3 -> 1;
            default -> major == CURRENT.major ? CURRENT.minor : 2;
        };
    }

    /** Whether this is a QEMU release (2.0 to {@link #CURRENT}): the versions whose tracetool tapls follows. */
    public boolean isRelease() {
        return major >= 2 && major <= CURRENT.major && minor <= lastMinor(major);
    }

    /** The releases {@link #isRelease} accepts, newest first, in series: "10.0-10.2, 9.0-9.2, ..., 2.0-2.12". */
    public static String releases() {
        StringBuilder b = new StringBuilder();
        for (int major = CURRENT.major; major >= 2; major--) {
            b.append(b.isEmpty() ? "" : ", ").append(major).append(".0-").append(major).append('.')
                    .append(lastMinor(major));
        }
        return b.toString();
    }

    @Override
    public int compareTo(QemuVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    public boolean before(int maj, int min) {
        return compareTo(new QemuVersion(maj, min)) < 0;
    }

    /** 'vcpu' was removed in 10.1 (commit 2b1791323e). */
    public boolean acceptsVcpu() {
        return before(10, 1);
    }

    /** 'tcg' was removed in 7.0. */
    public boolean acceptsTcg() {
        return before(7, 0);
    }

    /** "Event format must not use new line character" exists since 9.1. */
    public boolean rejectsEmbeddedNewline() {
        return !before(9, 1);
    }

    /** Generated files carry an SPDX line since 10.2. */
    public boolean writesSpdxHeader() {
        return !before(10, 2);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
