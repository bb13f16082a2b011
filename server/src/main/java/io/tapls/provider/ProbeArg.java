package io.tapls.provider;

import io.tapls.text.Span;

/**
 * One argument of a probe, as libvirt's dtrace2systemtap.py reads it: a piece of the argument list split at
 * commas, its name the last word without a leading {@code *} ({@code ^.*\s\*?(\S+)$}), a string when the
 * piece contains {@code char *} (bound with {@code user_string($argN)}).
 *
 * @param raw         the piece exactly, as the script sees it (lines of a multi-line probe joined stripped)
 * @param span        where the stripped piece is in the file (it may span lines)
 * @param declaration the piece stripped, e.g. {@code const char *name}
 * @param type        what comes before the name, stripped ({@code const char *}); the declaration when there
 *                    is no name
 * @param name        the name, or null when the script finds none ("Malformed arg")
 * @param nameSpan    where the name is, or null
 * @param string      whether the piece contains {@code char *}
 */
public record ProbeArg(String raw, Span span, String declaration, String type, String name, Span nameSpan,
        boolean string) {
}
