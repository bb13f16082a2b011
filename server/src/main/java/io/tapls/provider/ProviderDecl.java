package io.tapls.provider;

import io.tapls.text.Span;

/**
 * A {@code provider NAME {} line: the name dtrace -h gives the probes after it ({@code NAME_PROBE(...)}
 * macros); {@code name} is empty when the line has none.
 *
 * @param span the line's text, stripped
 */
public record ProviderDecl(String name, Span nameSpan, Span span) {
}
