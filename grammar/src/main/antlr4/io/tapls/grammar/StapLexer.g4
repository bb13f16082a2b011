/*
 * The SystemTap script language (.stp, .stpm) at token level, as stap's lexer::scan() (parse.cxx)
 * splits it. Whitespace and comments go to the HIDDEN channel: the parser needs them only to know
 * whether two probe-point pieces are glued ("sys*open") and to find doc comments.
 *
 * The preprocessor (%( %? %: %), @define) and the parser work on these tokens in
 * io.tapls.stap; see docs/stap.md.
 */
lexer grammar StapLexer;

channels { COMMENTS }

WS            : [ \t\r\n\u000B\u000C]+ -> channel(HIDDEN) ;
// A /* with no */ silently eats the rest of the file, as in stap.
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(COMMENTS) ;
LINE_COMMENT  : ('#' | '//') ~[\r\n]* -> channel(COMMENTS) ;

// %{ ... %}: one token; an unterminated one runs to the end of the file (checked by the lexer wrapper).
EMBEDDED      : '%{' .*? ('%}' | EOF) ;

// Command-line arguments: $1 $# are pasted raw, @1 @# pasted as strings.
ARG_RAW       : '$' ([0-9]+ | '#') ;
ARG_STRING    : '@' ([0-9]+ | '#') ;

// Keywords: on a tie the first rule wins, so 'probe' is PROBE and 'probes' is an IDENT.
PROBE     : 'probe' ;
GLOBAL    : 'global' ;
PRIVATE   : 'private' ;
FUNCTION  : 'function' ;
IF        : 'if' ;
ELSE      : 'else' ;
FOR       : 'for' ;
FOREACH   : 'foreach' ;
IN        : 'in' ;
LIMIT     : 'limit' ;
RETURN    : 'return' ;
DELETE    : 'delete' ;
WHILE     : 'while' ;
BREAK     : 'break' ;
CONTINUE  : 'continue' ;
NEXT      : 'next' ;
STRING_KW : 'string' ;
LONG      : 'long' ;
TRY       : 'try' ;
CATCH     : 'catch' ;

// Identifiers may contain '$'; a leading '$' makes a target symbol, a leading '@' an @-operator.
IDENT         : [A-Za-z_$] [A-Za-z0-9_$]* ;
AT_WORD       : '@' [A-Za-z0-9_$]* ;

NUMBER        : [0-9] [A-Za-z0-9]* ;

STRING        : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
// No closing quote before the end of the line: stap's "Could not find matching closing quote".
UNCLOSED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'? ;

// Operators: the lexer takes the longest match, stap's maximal munch; %( %? %: %) are preprocessor
// tokens. Any other punctuation character is a one-character operator.
SHL3           : '<<<' ;
SHR3           : '>>>' ;
SHL_ASSIGN     : '<<=' ;
SHR_ASSIGN     : '>>=' ;
EQ             : '==' ;
NE             : '!=' ;
LE             : '<=' ;
GE             : '>=' ;
MATCH          : '=~' ;
NOMATCH        : '!~' ;
PLUS_ASSIGN    : '+=' ;
MINUS_ASSIGN   : '-=' ;
STAR_ASSIGN    : '*=' ;
SLASH_ASSIGN   : '/=' ;
PERCENT_ASSIGN : '%=' ;
AMP_ASSIGN     : '&=' ;
CARET_ASSIGN   : '^=' ;
PIPE_ASSIGN    : '|=' ;
DOT_ASSIGN     : '.=' ;
AND            : '&&' ;
OR             : '||' ;
INC            : '++' ;
DEC            : '--' ;
ARROW          : '->' ;
SHL            : '<<' ;
SHR            : '>>' ;
PP_IF          : '%(' ;
PP_THEN        : '%?' ;
PP_ELSE        : '%:' ;
PP_END         : '%)' ;
BANG           : '!' ;
PERCENT        : '%' ;
AMP            : '&' ;
QUOTE          : '\'' ;
LPAREN         : '(' ;
RPAREN         : ')' ;
STAR           : '*' ;
PLUS           : '+' ;
COMMA          : ',' ;
MINUS          : '-' ;
DOT            : '.' ;
SLASH          : '/' ;
COLON          : ':' ;
SEMI           : ';' ;
LT             : '<' ;
ASSIGN         : '=' ;
GT             : '>' ;
QUESTION       : '?' ;
LBRACK         : '[' ;
BACKSLASH      : '\\' ;
RBRACK         : ']' ;
CARET          : '^' ;
BACKTICK       : '`' ;
LBRACE         : '{' ;
PIPE           : '|' ;
RBRACE         : '}' ;
TILDE          : '~' ;

// Anything else (control characters, non-ASCII outside strings and comments) is stap's junk.
JUNK          : . ;
