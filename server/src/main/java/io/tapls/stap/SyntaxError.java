package io.tapls.stap;

import io.tapls.text.Span;

/**
 * A parse error with stap's message. {@code span} is where it is in the parsed file (a macro expansion's
 * error is shown at the invocation); {@code tokenText} is stap's "saw:"/"at:" description.
 */
public record SyntaxError(String message, Span span, String tokenText, boolean warning) {
    /** The first line of stap's report: {@code parse error: MESSAGE}. */
    public String stapFirstLine() {
        int nl = message.indexOf('\n');
        return "parse error: " + (nl < 0 ? message : message.substring(0, nl));
    }
}
