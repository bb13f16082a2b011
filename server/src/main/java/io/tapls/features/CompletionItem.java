package io.tapls.features;

import io.tapls.text.Span;

/**
 * One completion proposal, free of LSP.
 *
 * @param label         what the list shows and what is filtered on
 * @param kind          what it is (the list's icon)
 * @param detail        a one-line signature or type
 * @param documentation Markdown, or null
 * @param insertText    what replaces {@code replace}; a snippet with {@code ${1:x}} placeholders when
 *                      {@code snippet}
 * @param snippet       whether {@code insertText} is a snippet
 * @param replace       the text the item replaces (the word being typed)
 * @param sortText      orders the list (items closest to the context first), or null for the label's order
 */
public record CompletionItem(String label, Kind kind, String detail, String documentation, String insertText,
                             boolean snippet, Span replace, String sortText) {
    /** The kinds tapls proposes. */
    public enum Kind { PROBE, PROBE_COMPONENT, VARIABLE, FUNCTION, GLOBAL, MACRO, KEYWORD, TYPE, PROPERTY, FORMAT }

    static CompletionItem plain(String label, Kind kind, String detail, String documentation, Span replace,
                                String sortText) {
        return new CompletionItem(label, kind, detail, documentation, label, false, replace, sortText);
    }
}
