package io.tapls.diag;

import java.util.Locale;

/** How serious a diagnostic is; the order is from most to least serious. */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
