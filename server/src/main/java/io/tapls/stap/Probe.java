package io.tapls.stap;

import java.util.List;

/** {@code probe points {body}}. */
public record Probe(List<ProbePoint> points, Ast.Block body, Guard guard, Token tok) {
}
