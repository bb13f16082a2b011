/*
 * One line of a QEMU trace-events file, without its line terminator.
 *
 * The modes mirror tracetool's regex (scripts/tracetool/__init__.py, Event._CRE):
 *   ((props)\s+)? name \( args-up-to-the-first-')' \) \s* ("fmt-to-end-of-line")?
 * so that what this lexer accepts is what tracetool accepts; the parser only gives it structure.
 */
lexer grammar TraceEventLexer;

// Python's Unicode \w (letters, digits, marks, connector punctuation such as '_').
WORD   : [\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]+ ;
WS     : WHITESPACE+ ;
LPAREN : '(' -> pushMode(ARGS) ;
OTHER  : . ;

fragment WHITESPACE
    : [ \t\u000B\u000C\u001C-\u001F\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] ;
fragment STRING_CHAR : ~["\\] | '\\' . ;

mode ARGS;
// tracetool takes everything up to the first ')' as the argument list: "void (*cb" is one argument.
ARG_TEXT : ~[),]+ ;
COMMA    : ',' ;
RPAREN   : ')' -> mode(AFTER_ARGS) ;

mode AFTER_ARGS;
GAP       : WHITESPACE+ ;
A_STRING  : '"' STRING_CHAR* '"' -> type(STRING), mode(FORMAT) ;
A_OPEN    : '"' STRING_CHAR* '\\'? -> type(UNTERMINATED), mode(FORMAT) ;
// Anything else after ')' is silently dropped by tracetool, together with any format after it.
JUNK      : ~[" \t\u000B\u000C\u001C-\u001F\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] .* ;

mode FORMAT;
STRING       : '"' STRING_CHAR* '"' ;
UNTERMINATED : '"' STRING_CHAR* '\\'? ;
MACRO        : [A-Za-z_] [A-Za-z0-9_]* ;
// Between the format's tokens only a space and a tab separate (tracetool's log-stap c_fmt_to_stap skips those two
// and starts a macro at anything else, a no-break space included); other whitespace is text after the format.
FMT_WS       : [ \t]+ ;
FMT_OTHER    : . ;
