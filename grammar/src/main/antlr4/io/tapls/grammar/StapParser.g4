/*
 * The SystemTap script language after preprocessing (macros expanded, the branches of %( %? %: %) chosen),
 * as stap 4.8's parse.cxx accepts it, with exactly its operator precedence (spec/systemtap.md 1.3-1.5).
 *
 * tapls reports diagnostics from io.tapls.stap.Parser, a hand-written parser that follows parse.cxx
 * function by function so that its messages and error recovery are stap's. This grammar is the executable
 * specification of the same language: io.tapls.stap.StapGrammar runs it (SLL with bail-out first, full LL
 * on failure) over the preprocessed tokens, and StapGrammarTest checks that it accepts every file stap
 * accepts and gives every generated expression stap's structure. Checks stap makes beyond the grammar
 * (number ranges, printf formats, 'return' outside functions, duplicate names...) are not repeated here.
 *
 * Token types the lexer does not produce are set by the adapter from the token's text.
 */
parser grammar StapParser;

options { tokenVocab = StapLexer; }

tokens {
    TARGET, PRETTY, AT_CAST, AT_VAR, AT_DEFINED, AT_ENTRY, AT_PROBEWRITE, AT_CONST, AT_PERF, AT_REGISTER, AT_DEREF,
    AT_HIST_LINEAR, AT_HIST_LOG, AT_STAT, AT_VARIANCE, PRINT_F, PRINT_D, PRINT_1, PRINT_LN
}

@members {
    /** Set by the adapter: whether whitespace or a comment comes right before the token at an index. */
    public java.util.function.IntPredicate spaceBefore = i -> true;

    private boolean glued() {
        return !spaceBefore.test(_input.index());
    }
}

file        : topLevel* EOF ;
topLevel    : probeDecl
            | GLOBAL gvars
            | PRIVATE ( FUNCTION functionRest | GLOBAL gvars | gvars )
            | FUNCTION functionRest
            | EMBEDDED
            ;

gvars       : gvar ( COMMA gvar )* SEMI? ;
gvar        : IDENT PERCENT? ( LBRACK MINUS? NUMBER RBRACK )? ( ASSIGN literal )? ;
literal     : strings | MINUS? ( NUMBER | ARG_RAW ) ;
strings     : ( STRING | ARG_STRING )+ ;

functionRest: fname ( COLON type )? LPAREN ( param ( COMMA param )* COMMA? )? RPAREN ( COLON literal )?
              ( block | EMBEDDED ) ;
fname       : IDENT | STRING_KW | LONG | printName ;
param       : IDENT ( COLON type )? ;
type        : STRING_KW | LONG ;

// --- probes and aliases
probeDecl   : PROBE ( components ( ASSIGN | PLUS_ASSIGN ) )* probePoints block ( COMMA block )? ;
probePoints : probePoint ( COMMA probePoint )* ;
probePoint  : components ( QUESTION | BANG )? ( IF LPAREN expr RPAREN )? ;
components  : component ( DOT component )* ;
component   : LBRACE probePoints RBRACE
            | piece ( {glued()}? gluedPiece )* ( LPAREN literal RPAREN )?
            ;
piece       : IDENT | keyword | STAR | ARG_RAW | TARGET | printName ;
gluedPiece  : piece | NUMBER ;
keyword     : PROBE | GLOBAL | PRIVATE | FUNCTION | IF | ELSE | FOR | FOREACH | IN | LIMIT | RETURN | DELETE
            | WHILE | BREAK | CONTINUE | NEXT | STRING_KW | LONG | TRY | CATCH ;
printName   : PRINT_F | PRINT_D | PRINT_1 | PRINT_LN ;

// --- statements
block       : LBRACE statement* RBRACE ;
statement   : SEMI
            | block
            | TRY block CATCH ( LPAREN IDENT RPAREN )? block
            | IF LPAREN expr RPAREN statement ( ELSE statement )?
            | FOR LPAREN expr? SEMI expr? SEMI expr? RPAREN statement
            | FOREACH LPAREN ( IDENT sort? ASSIGN )? foreachKeys IN indexable
              ( LBRACK slice ( COMMA slice )* RBRACK )? ( statOp sort )? sort? ( LIMIT expr )? RPAREN statement
            | WHILE LPAREN expr RPAREN statement
            | simple SEMI?
            ;
simple      : RETURN expr? | DELETE expr | BREAK | CONTINUE | NEXT | expr ;
foreachKeys : IDENT sort? | LBRACK IDENT sort? ( COMMA IDENT sort? )* RBRACK ;
sort        : PLUS | MINUS ;
slice       : STAR | expr ;
statOp      : AT_STAT | AT_VARIANCE ;
indexable   : IDENT | histOp ;
histOp      : AT_HIST_LINEAR LPAREN expr COMMA MINUS? NUMBER COMMA MINUS? NUMBER COMMA MINUS? NUMBER RPAREN
            | AT_HIST_LOG LPAREN expr RPAREN
            ;

// --- expressions, lowest precedence first (parse_assignment ... parse_value)
expr        : ternary ( assignOp expr )? ;
assignOp    : ASSIGN | SHL3 | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN | PERCENT_ASSIGN
            | SHL_ASSIGN | SHR_ASSIGN | AMP_ASSIGN | CARET_ASSIGN | PIPE_ASSIGN | DOT_ASSIGN ;
ternary     : logicalOr ( QUESTION expr COLON ternary )? ;
logicalOr   : logicalAnd ( OR logicalAnd )* ;
logicalAnd  : bitOr ( AND bitOr )* ;
bitOr       : bitXor ( PIPE bitXor )* ;
bitXor      : bitAnd ( CARET bitAnd )* ;
bitAnd      : arrayIn ( AMP arrayIn )* ;
// stap requires 'in' after a bracketed list of more than one index ("unexpected comma-separated
// expression list"); the grammar leaves that check to the parser to keep the decision LL(1).
arrayIn     : comparison ( IN indexable )?
            | LBRACK inIndex ( COMMA inIndex )* RBRACK ( IN indexable )?
            ;
inIndex     : STAR | comparison ;
comparison  : shift ( ( MATCH | NOMATCH ) strings | ( cmpOp shift )* ) ;
cmpOp       : LT | GT | LE | GE | EQ | NE ;
shift       : concat ( ( SHL | SHR | SHR3 ) concat )* ;
concat      : additive ( DOT additive )* ;
additive    : multiplicative ( ( PLUS | MINUS ) multiplicative )* ;
multiplicative : unary ( ( STAR | SLASH | PERCENT ) unary )* ;
unary       : ( PLUS | MINUS | BANG | TILDE ) unary | crement ;
crement     : ( INC | DEC ) dwarfValue | dwarfValue ( INC | DEC )? ;
dwarfValue  : AMP? ( TARGET | castOp | atVarOp | value ) member* PRETTY? ;
// An array index a[i, *] and a target component $p[i] are both a member here: one rule keeps the
// decision LL(1) (stap allows a list and '*' only for arrays).
member      : ARROW ( IDENT | keyword | PRETTY | TARGET | printName ) | LBRACK index ( COMMA index )* RBRACK ;
castOp      : AT_CAST LPAREN expr COMMA strings ( COMMA strings )? RPAREN ;
atVarOp     : AT_VAR LPAREN strings ( COMMA strings )? RPAREN ;
value       : EMBEDDED | LPAREN expr RPAREN | symbol | literal ;
symbol      : AT_DEFINED LPAREN expr RPAREN
            | AT_ENTRY LPAREN expr RPAREN
            | AT_PROBEWRITE LPAREN IDENT RPAREN
            | AT_CONST LPAREN strings RPAREN
            | AT_PERF LPAREN strings RPAREN
            | AT_REGISTER LPAREN MINUS? NUMBER RPAREN
            | AT_DEREF LPAREN MINUS? NUMBER COMMA expr RPAREN
            | histOp LBRACK index ( COMMA index )* RBRACK
            | AT_STAT LPAREN expr RPAREN
            | AT_VARIANCE LPAREN expr ( COMMA MINUS? NUMBER )? RPAREN
            | printCall
            | IDENT LPAREN ( expr ( COMMA expr )* )? RPAREN
            | IDENT
            ;
index       : STAR | expr ;
printCall   : PRINT_F LPAREN strings ( COMMA printArg )* RPAREN
            | PRINT_D LPAREN strings COMMA? printArg COMMA? printArg ( COMMA printArg )* RPAREN
            | PRINT_1 LPAREN printArg ( COMMA printArg )* RPAREN
            | PRINT_LN LPAREN ( printArg ( COMMA printArg )* )? RPAREN
            ;
printArg    : histOp | expr ;
