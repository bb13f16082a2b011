package io.tapls.features;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;

/**
 * A fix offered for a diagnostic; {@code preferred} for the first of its diagnostic's fixes, the one the checks
 * rank first (the one an editor applies with "auto fix").
 */
public record QuickFix(Fix fix, Diagnostic diagnostic, boolean preferred) {
}
