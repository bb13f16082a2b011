package io.tapls.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tracetool's c_fmt_to_stap, quirks included (spec/tracetool.md B.2). Each row: C format | stap format. */
class CFormatToStapTest {
    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # literals are joined; whitespace between tokens disappears
            "a=%d"                                   | a=%d
            "a" "b"                                  | ab
            `""`                                     | ``
            # a PRI macro becomes its fourth character, whether it touches the literals or not
            "a=0x%" PRIx64 " b=%u"                   | a=0x%x b=%u
            "0x%016"PRIx64" size"                    | 0x%016x size
            "%" PRIX32                               | %X
            "%" PRIu16 "/%" PRId8 "/%" PRIi64        | %u/%d/%i
            "%" PRIxPTR                              | %x
            # spaces and tabs inside literals are kept, so are escapes, verbatim
            "tab\\there \\"q\\" back\\\\slash %d"    | tab\\there \\"q\\" back\\\\slash %d
            "  lead and trail  "                     | `  lead and trail  `
            # size qualifiers: only l, ll and z, only after digits, only before x, u or d
            "%ld %zu %llx %zd %08lx"                 | %d %u %x %d %08x
            "%-8lx %li %hx %hhx %jd %.2lx %lX %zi"   | %-8lx %li %hx %hhx %jd %.2lx %lX %zi
            "%%ld %p %c %s %.8x %0*x"                | %%d %p %c %s %.8x %0*x
            # an unterminated literal is kept as it is
            "x=%d                                    | x=%d
            """)
    void converts(String c, String stap) throws Exception {
        assertEquals(stap, CFormatToStap.convert(c));
    }

    @ParameterizedTest(name = "{0}  fails with  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "x=%d" # comment                         | Unhandled macro '#'
            "x=%" FOO64                              | Unhandled macro 'FOO64'
            "x=%d" \\                                | Unexpected escape outside string literal
            """)
    void failsLikeTracetool(String c, String message) {
        var e = assertThrows(CFormatToStap.UnsupportedFormatException.class,
                () -> CFormatToStap.convert(c));
        assertEquals(message, e.getMessage());
    }
}
