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

// Identifiers may contain '$'; a leading '$' makes a target symbol, a leading '@' an @-operator.
IDENT         : [A-Za-z_$] [A-Za-z0-9_$]* ;
AT_WORD       : '@' [A-Za-z0-9_$]* ;

NUMBER        : [0-9] [A-Za-z0-9]* ;

STRING        : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
// No closing quote before the end of the line: stap's "Could not find matching closing quote".
UNCLOSED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'? ;

// Maximal munch over stap's operator list; %( %? %: %) are preprocessor tokens.
OPERATOR
    : '<<<' | '>>>' | '<<=' | '>>='
    | '==' | '!=' | '<=' | '>=' | '=~' | '!~' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '^=' | '|='
    | '.=' | '&&' | '||' | '++' | '--' | '->' | '<<' | '>>'
    | '%(' | '%?' | '%:' | '%)'
    | [!%&'()*+,\-./:;<=>?[\\\]^`{|}~]
    ;

// Anything else (control characters, non-ASCII outside strings and comments) is stap's junk.
JUNK          : . ;
