package io.tapls.features;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;

/** A fix offered for a diagnostic. */
public record QuickFix(Fix fix, Diagnostic diagnostic) {
}
