package io.tapls.stap;

import io.tapls.grammar.StapParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Runs the ANTLR grammar grammar/StapParser.g4 over a file's preprocessed tokens: SLL with bail-out
 * first, full LL when SLL fails. It is the executable specification the hand-written {@link Parser} is
 * checked against; diagnostics come from the hand-written parser.
 */
public final class StapGrammar {
    /** Whether the grammar accepts the tokens, whether SLL sufficed, and the tree. */
    public record Result(boolean accepted, boolean neededLl, StapParser.FileContext tree) {
    }

    private static final Map<String, Integer> TYPES = new HashMap<>();

    static {
        Vocabulary v = StapParser.VOCABULARY;
        for (int t = 1; t <= v.getMaxTokenType(); t++) {
            String lit = v.getLiteralName(t);
            if (lit != null) {
                TYPES.put(lit.substring(1, lit.length() - 1).replace("\\'", "'").replace("\\\\", "\\"), t);
            }
            String sym = v.getSymbolicName(t);
            if (sym != null) {
                TYPES.put("#" + sym, t);
            }
        }
    }

    private StapGrammar() {
    }

    /** The active-branch tokens of a file after macro expansion and conditionals, as the parser sees them. */
    public static List<Token> preprocess(String path, String content, Map<String, MacroDef> library, PpConfig config) {
        SourceUnit unit = new SourceUnit(path, content);
        Preprocessor pp = new Preprocessor(unit, StapLexing.lex(unit).tokens(), library, config,
                Preprocessor.EVALUATE);
        List<Token> out = new ArrayList<>();
        for (Token t = pp.next(); t != null; t = pp.next()) {
            out.add(t);
        }
        return out;
    }

    static int type(Token t) {
        switch (t.kind) {
            case KEYWORD:
                return TYPES.get(t.text);
            case OPERATOR:
                if (t.text.startsWith("@")) {
                    return TYPES.get("#" + atType(t.text));
                }
                Integer op = TYPES.get(t.text);
                return op != null ? op : TYPES.get("#JUNK");
            case IDENT:
                if (t.text.equals("$") || t.text.equals("$$")) {
                    return TYPES.get("#PRETTY");
                }
                if (t.text.startsWith("$")) {
                    return TYPES.get("#TARGET");
                }
                return switch (t.text) {
                    case "printf", "sprintf" -> TYPES.get("#PRINT_F");
                    case "printd", "printdln", "sprintd", "sprintdln" -> TYPES.get("#PRINT_D");
                    case "print", "sprint", "print_char" -> TYPES.get("#PRINT_1");
                    case "println", "sprintln" -> TYPES.get("#PRINT_LN");
                    default -> TYPES.get("#IDENT");
                };
            case STRING:
                return TYPES.get("#STRING");
            case NUMBER:
                return TYPES.get("#NUMBER");
            case EMBEDDED:
                return TYPES.get("#EMBEDDED");
            case ARG_RAW:
                return TYPES.get("#ARG_RAW");
            case ARG_STRING:
                return TYPES.get("#ARG_STRING");
            default:
                return TYPES.get("#JUNK");
        }
    }

    private static String atType(String w) {
        return switch (w) {
            case "@cast" -> "AT_CAST";
            case "@var" -> "AT_VAR";
            case "@defined" -> "AT_DEFINED";
            case "@entry" -> "AT_ENTRY";
            case "@probewrite" -> "AT_PROBEWRITE";
            case "@const" -> "AT_CONST";
            case "@perf" -> "AT_PERF";
            case "@kregister", "@uregister" -> "AT_REGISTER";
            case "@kderef", "@uderef" -> "AT_DEREF";
            case "@hist_linear" -> "AT_HIST_LINEAR";
            case "@hist_log" -> "AT_HIST_LOG";
            case "@avg", "@count", "@sum", "@min", "@max" -> "AT_STAT";
            case "@variance" -> "AT_VARIANCE";
            default -> "AT_WORD";
        };
    }

    public static Result parse(List<Token> tokens) {
        List<org.antlr.v4.runtime.Token> antlr = new ArrayList<>(tokens.size());
        boolean[] space = new boolean[tokens.size() + 1];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            CommonToken c = new CommonToken(type(t), t.text);
            c.setTokenIndex(i);
            antlr.add(c);
            space[i] = t.wsBefore || t.site != null;
        }
        space[tokens.size()] = true;
        try {
            return new Result(true, false, run(antlr, space, PredictionMode.SLL));
        } catch (ParseCancellationException e) {
            try {
                return new Result(true, true, run(antlr, space, PredictionMode.LL));
            } catch (ParseCancellationException e2) {
                return new Result(false, true, null);
            }
        }
    }

    private static StapParser.FileContext run(List<org.antlr.v4.runtime.Token> tokens, boolean[] space,
            PredictionMode mode) {
        StapParser p = new StapParser(new CommonTokenStream(new ListTokenSource(tokens)));
        p.removeErrorListeners();
        p.setErrorHandler(new BailErrorStrategy());
        p.getInterpreter().setPredictionMode(mode);
        p.spaceBefore = i -> i < 0 || i >= space.length || space[i];
        return p.file();
    }

    // ---------------------------------------------------------------- printing like stap -p1

    /** An expression of the grammar's tree printed fully parenthesised, as stap -p1 prints it. */
    public static String print(ParseTree t) {
        StringBuilder b = new StringBuilder();
        print(t, b);
        return b.toString();
    }

    private static void print(ParseTree t, StringBuilder b) {
        if (t instanceof StapParser.ExprContext e) {
            if (e.assignOp() != null) {
                binary(b, e.ternary(), e.assignOp().getText(), e.expr());
            } else {
                print(e.ternary(), b);
            }
        } else if (t instanceof StapParser.TernaryContext e) {
            if (e.QUESTION() != null) {
                b.append('(');
                print(e.logicalOr(), b);
                b.append(")?(");
                print(e.expr(), b);
                b.append("):(");
                print(e.ternary(), b);
                b.append(')');
            } else {
                print(e.logicalOr(), b);
            }
        } else if (t instanceof StapParser.LogicalOrContext || t instanceof StapParser.LogicalAndContext
                || t instanceof StapParser.BitOrContext || t instanceof StapParser.BitXorContext
                || t instanceof StapParser.BitAndContext || t instanceof StapParser.ShiftContext
                || t instanceof StapParser.ConcatContext || t instanceof StapParser.AdditiveContext
                || t instanceof StapParser.MultiplicativeContext) {
            chain((ParserRuleContext) t, b);
        } else if (t instanceof StapParser.ArrayInContext e) {
            if (e.IN() == null && e.comparison() != null) {
                print(e.comparison(), b);
            } else if (e.IN() == null) {
                print(e.inIndex(0).comparison(), b);
            } else {
                b.append('[');
                int n = e.getChildCount();
                boolean first = true;
                for (int i = 0; i < n; i++) {
                    ParseTree c = e.getChild(i);
                    if (c instanceof StapParser.ComparisonContext || c instanceof StapParser.InIndexContext) {
                        if (!first) {
                            b.append(", ");
                        }
                        first = false;
                        if (c instanceof StapParser.InIndexContext ii && ii.STAR() != null) {
                            b.append('*');
                        } else {
                            print(c instanceof StapParser.InIndexContext ii ? ii.comparison() : c, b);
                        }
                    }
                }
                b.append("] in ").append(e.indexable().getText());
            }
        } else if (t instanceof StapParser.ComparisonContext e) {
            if (e.strings() != null) {
                b.append('(');
                print(e.shift(0), b);
                b.append(") ").append(e.getChild(1).getText()).append(' ');
                StringBuilder s = new StringBuilder();
                for (TerminalNode n : e.strings().STRING()) {
                    s.append(n.getText()); // the adapter's token text is the string's value
                }
                Ast.quote(b, s.toString());
            } else {
                chain(e, b);
            }
        } else if (t instanceof StapParser.UnaryContext e) {
            if (e.unary() != null) {
                b.append(e.getChild(0).getText()).append('(');
                print(e.unary(), b);
                b.append(')');
            } else {
                print(e.crement(), b);
            }
        } else if (t instanceof StapParser.CrementContext e) {
            if (e.getChildCount() == 1) {
                print(e.dwarfValue(), b);
            } else if (e.getChild(0) instanceof TerminalNode op) {
                b.append(op.getText()).append('(');
                print(e.dwarfValue(), b);
                b.append(')');
            } else {
                b.append('(');
                print(e.dwarfValue(), b);
                b.append(')').append(e.getChild(1).getText());
            }
        } else if (t instanceof StapParser.DwarfValueContext e) {
            print(e.value() != null ? e.value() : e.getChild(0), b);
            for (StapParser.MemberContext m : e.member()) {
                if (m.ARROW() != null) {
                    b.append("->").append(m.getChild(1).getText());
                    continue;
                }
                b.append('[');
                for (int i = 0; i < m.index().size(); i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    StapParser.IndexContext ix = m.index(i);
                    if (ix.STAR() != null) {
                        b.append('*');
                    } else {
                        print(ix.expr(), b);
                    }
                }
                b.append(']');
            }
        } else if (t instanceof StapParser.ValueContext e) {
            if (e.expr() != null) {
                print(e.expr(), b);
            } else if (e.symbol() != null) {
                print(e.symbol(), b);
            } else if (e.literal() != null) {
                print(e.literal(), b);
            } else {
                b.append(e.getText());
            }
        } else if (t instanceof StapParser.LiteralContext e) {
            if (e.strings() != null) {
                StringBuilder s = new StringBuilder();
                for (TerminalNode n : e.strings().STRING()) {
                    s.append(n.getText()); // the adapter's token text is the string's value
                }
                Ast.quote(b, s.toString());
            } else {
                long v = Parser.parseCNumber(e.NUMBER().getText()).longValue();
                b.append(e.MINUS() != null ? -v : v);
            }
        } else if (t instanceof StapParser.SymbolContext e) {
            if (e.IDENT() != null && e.LPAREN() != null) {
                b.append(e.IDENT().getText()).append('(');
                List<StapParser.ExprContext> args = e.expr();
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    print(args.get(i), b);
                }
                b.append(')');
            } else if (e.IDENT() != null) {
                b.append(e.IDENT().getText());
            } else {
                b.append(e.getText());
            }
        } else {
            b.append(t.getText());
        }
    }

    private static void binary(StringBuilder b, ParseTree l, String op, ParseTree r) {
        b.append('(');
        print(l, b);
        b.append(") ").append(op).append(" (");
        print(r, b);
        b.append(')');
    }

    /** A left-associative chain: operands are rule contexts, operators terminals or cmpOp. */
    private static void chain(ParserRuleContext e, StringBuilder b) {
        List<ParseTree> operands = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < e.getChildCount(); i++) {
            ParseTree c = e.getChild(i);
            if (c instanceof TerminalNode || c instanceof StapParser.CmpOpContext) {
                ops.add(c.getText());
            } else {
                operands.add(c);
            }
        }
        String acc = print(operands.get(0));
        for (int i = 0; i < ops.size(); i++) {
            acc = "(" + acc + ") " + ops.get(i) + " (" + print(operands.get(i + 1)) + ")";
        }
        b.append(acc);
    }
}
