package io.tapls.diag;

import java.util.List;

/** Rules about reading a file at all, before any language: whatever its kind, a file must be text tapls can read. */
public final class InputRules {
    private InputRules() {
    }

    /**
     * The file is not UTF-8. tracetool reads trace-events files as strict UTF-8 (Python's default) and fails
     * with UnicodeDecodeError; editors and tapls read every file as UTF-8.
     */
    public static final Rule ENCODING = new Rule("encoding", Severity.ERROR, "tracetool",
            "the file is not valid UTF-8 (tracetool fails with UnicodeDecodeError)");

    public static final List<Rule> ALL = List.of(ENCODING);
}
