package io.tapls.generate;

import io.tapls.traceevents.TraceEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The four tracetool formats tapls generates, by their tracetool names. */
public enum TapsetFormat {
    STAP("stap", true, true),
    LOG_STAP("log-stap", false, true),
    SIMPLETRACE_STAP("simpletrace-stap", false, true),
    D("d", false, false);

    private final String id;
    private final boolean needsBinary;
    private final boolean needsPrefix;

    TapsetFormat(String id, boolean needsBinary, boolean needsPrefix) {
        this.id = id;
        this.needsBinary = needsBinary;
        this.needsPrefix = needsPrefix;
    }

    /** tracetool's --format value. */
    public String id() {
        return id;
    }

    public boolean needsBinary() {
        return needsBinary;
    }

    public boolean needsPrefix() {
        return needsPrefix;
    }

    /**
     * The whole output for the events of all inputs, concatenated in order.
     *
     * @throws GenerationException when an option is missing or, for log-stap, a format cannot be converted
     */
    public String generate(List<TraceEvent> events, GenerateOptions options) {
        return switch (this) {
            case STAP -> StapFormat.generate(events, options);
            case LOG_STAP -> LogStapFormat.generate(events, options);
            case SIMPLETRACE_STAP -> SimpletraceStapFormat.generate(events, options);
            case D -> DtraceFormat.generate(events, options);
        };
    }

    public static Optional<TapsetFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(TapsetFormat::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
