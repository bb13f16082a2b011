package io.tapls.generate;

import io.tapls.tracetool.ProbePrefix;

import java.util.List;

/**
 * The tapsets meson installs for one traceable executable (spec/tracetool.md B.0), all from
 * trace-events-all with group "all": {@code <exe>.stp} (stap, the installed binary's path),
 * {@code <exe>-log.stp} (log-stap) and {@code <exe>-simpletrace.stp} (simpletrace-stap).
 */
public final class InstallSet {
    /** One file of the set. */
    public record Member(String fileName, TapsetFormat format) {
    }

    private InstallSet() {
    }

    public static List<Member> forBinary(String binary) {
        String exe = ProbePrefix.exeName(binary);
        return List.of(new Member(exe + ".stp", TapsetFormat.STAP),
                new Member(exe + "-log.stp", TapsetFormat.LOG_STAP),
                new Member(exe + "-simpletrace.stp", TapsetFormat.SIMPLETRACE_STAP));
    }
}
