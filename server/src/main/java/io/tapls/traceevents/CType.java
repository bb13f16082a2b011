package io.tapls.traceevents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What printf needs to know about an argument type on QEMU's hosts (LP64 Linux, and 32-bit hosts for
 * portability): its integer class after default promotions, or whether it is a (char) pointer.
 */
public enum CType {
    /** char, short, int, bool, int8..int32_t and unsigned variants: promoted to (unsigned) int. */
    INT("int"),
    LONG("long"),
    LONG_LONG("long long"),
    /** int64_t, uint64_t: long on LP64, long long on 32-bit hosts. */
    INT64("int64_t"),
    /** size_t, ssize_t. */
    SIZE("size_t"),
    /** uintptr_t. */
    INTPTR("uintptr_t"),
    PTRDIFF("ptrdiff_t"),
    POINTER("pointer"),
    CHAR_POINTER("char *"),
    /** Not a type tracetool allows, or nothing but qualifiers: not checked. */
    UNKNOWN("?");

    private final String label;

    CType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The conversion with this character ({@code d}, {@code u}, {@code x}, ...) that prints this integer type,
     * written the portable way as it stands in a trace-events format: {@code %" PRIx64 "} for a 64-bit integer,
     * {@code %zu} for size_t, {@code %x} for an int.
     */
    public String conversion(char v) {
        return switch (this) {
            case INT64 -> "%\" PRI" + v + "64 \"";
            case INTPTR -> "%\" PRI" + v + "PTR \"";
            case LONG -> "%l" + v;
            case LONG_LONG -> "%ll" + v;
            case SIZE -> "%z" + v;
            case PTRDIFF -> "%t" + v;
            default -> "%" + v;
        };
    }

    public boolean isInteger() {
        return this != POINTER && this != CHAR_POINTER && this != UNKNOWN;
    }

    /** Memo: a corpus has a few dozen distinct types; bounded, since an editor sees whatever is typed. */
    private static final Map<String, CType> CACHE = new ConcurrentHashMap<>();

    public static CType of(String type) {
        CType known = CACHE.get(type);
        if (known == null) {
            known = classify(type);
            if (CACHE.size() < 4096) {
                CACHE.put(type, known);
            }
        }
        return known;
    }

    private static CType classify(String type) {
        long stars = type.chars().filter(c -> c == '*').count();
        List<String> words = new ArrayList<>();
        for (String w : type.replace('*', ' ').trim().split("\\s+")) {
            if (!w.isEmpty() && !w.equals("const") && !w.equals("volatile")) {
                words.add(w);
            }
        }
        String base = String.join(" ", words);
        if (stars > 0) {
            boolean charBase = base.equals("char") || base.equals("signed char") || base.equals("unsigned char");
            return stars == 1 && charBase ? CHAR_POINTER : POINTER;
        }
        List<String> rest = new ArrayList<>(words);
        rest.removeIf(w -> w.equals("unsigned") || w.equals("signed") || w.equals("int"));
        String unsignedless = String.join(" ", rest);
        switch (base) {
            case "int64_t", "uint64_t":
                return INT64;
            case "size_t", "ssize_t":
                return SIZE;
            case "uintptr_t":
                return INTPTR;
            case "ptrdiff_t":
                return PTRDIFF;
            case "bool", "_Bool", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t":
                return INT;
            default:
                break;
        }
        switch (unsignedless) {
            case "", "char", "short":
                return base.isEmpty() ? UNKNOWN : INT;
            case "long":
                return LONG;
            case "long long":
                return LONG_LONG;
            default:
                return UNKNOWN;
        }
    }
}
