package io.tapls.generate;

/** The block both log-stap and simpletrace-stap emit to copy a string argument out of user space. */
final class UserStrings {
    private UserStrings() {
    }

    static void appendUserString(StringBuilder out, String name) {
        out.append("    try {\n        arg").append(name).append("_str = ").append(name).append(" ? user_string_n(")
                .append(name).append(", 512) : \"<null>\"\n    } catch {}\n");
    }
}
