/*
 * Structure of one trace-events line: [props] name(args) ["format" PRIx64 "..."]
 * Whole-line comments and blank lines never reach this parser.
 */
parser grammar TraceEventParser;

options { tokenVocab = TraceEventLexer; }

event
    : prefix? name=WORD LPAREN argument (COMMA argument)* RPAREN GAP? tail? EOF
    ;

// Properties, with the whitespace around them (tracetool's "[\w\s]+\s+").
prefix
    : (WORD | WS)* WS
    ;

argument
    : ARG_TEXT?
    ;

tail
    : format
    | JUNK
    ;

format
    : (STRING | UNTERMINATED) formatPiece*
    ;

formatPiece
    : STRING
    | UNTERMINATED
    | MACRO
    | FMT_WS
    | FMT_OTHER
    ;
