package io.tapls.index;

import io.tapls.stap.PpConfig;
import java.nio.file.Path;
import java.util.List;

/** Placeholder, filled in by the index step. */
public final class TapsetIndex {
    public static TapsetIndex shared(List<Path> roots, PpConfig config) {
        return new TapsetIndex();
    }
}
