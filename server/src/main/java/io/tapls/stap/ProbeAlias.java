package io.tapls.stap;

import java.util.List;
import java.util.Map;

/**
 * {@code probe NAME = points {body}} (prologue) or {@code probe NAME += points {body}} (epilogue).
 * {@code variables} are the locals its body assigns, with the type inferred where possible
 * ("long", "string" or "unknown").
 */
public record ProbeAlias(List<ProbePoint> names, List<ProbePoint> points, boolean epilogue, Ast.Block body,
        Ast.Block epilogueBody, Map<String, String> variables, Guard guard, DocComment doc, Token tok) {
}
