package io.tapls.provider;

import io.tapls.text.Span;

/**
 * The probes after one {@code # file: PATH} comment, as libvirt groups them, and what the comments that
 * follow it say: {@code # prefix: P} (the probes' names start with {@code P_}; their aliases are
 * {@code WORD.P.rest}), {@code # binary: NAME} (they fire in {@code SBINDIR/NAME}) or {@code # module: PATH}
 * (in {@code LIBDIR/PATH}); without either, in {@code LIBDIR/libvirt.so}. A value is null when its comment is
 * absent, with its span.
 *
 * @param span from the {@code # file:} line to the end of the group's last comment or probe
 */
public record ProbeGroup(String file, Span fileSpan, String prefix, Span prefixSpan, String binary,
        Span binarySpan, String module, Span moduleSpan, Span span) {
}
