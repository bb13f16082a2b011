" Vim syntax file for QEMU trace-events files (used by editors/nvim; works in Vim too).
" One event a line: [disable] name(type arg, ...) "format" PRIx64 "..."; whole-line # comments.
" SPDX-License-Identifier: GPL-2.0-or-later

if exists("b:current_syntax")
  finish
endif

syn match traceEventsComment /^\s*#.*$/
syn match traceEventsProperty /^\s*\zs\%(\w\+\s\+\)\+\ze\w\+\s*(/
syn match traceEventsName /\<\w\+\ze\s*(/
syn region traceEventsArgs matchgroup=Delimiter start=/(/ end=/)/ oneline contains=traceEventsType,traceEventsParam
syn keyword traceEventsType contained const unsigned signed int long short char bool void size_t ssize_t
syn keyword traceEventsType contained uintptr_t ptrdiff_t int8_t uint8_t int16_t uint16_t int32_t uint32_t int64_t uint64_t
syn match traceEventsParam /\w\+\ze\s*\%(\[\d\+\]\)\=\s*\%(,\|)\|$\)/ contained
syn region traceEventsFormat start=/"/ skip=/\\./ end=/"\|$/ oneline contains=traceEventsConversion,traceEventsEscape
syn match traceEventsConversion /%\%(%\|[-+ #0']*\%(\*\|\d\+\)\=\%(\.\%(\*\|\d\+\)\=\)\=\%(hh\|h\|ll\|l\|j\|z\|t\|L\|q\)\=[diouxXcspfFeEgGaA]\=\)/ contained
syn match traceEventsEscape /\\./ contained
syn match traceEventsPri /\<PRI[diouxX]\%(8\|16\|32\|64\|PTR\|MAX\)\>/

hi def link traceEventsComment Comment
hi def link traceEventsProperty StorageClass
hi def link traceEventsName Function
hi def link traceEventsType Type
hi def link traceEventsParam Identifier
hi def link traceEventsFormat String
hi def link traceEventsConversion SpecialChar
hi def link traceEventsEscape SpecialChar
hi def link traceEventsPri Macro

let b:current_syntax = "trace-events"
