package io.tapls.cli;

/**
 * What ends a command on the user's input or environment rather than on a bug: a usage or I/O problem. Main's
 * handler prints its message as one line, {@code tapls: MESSAGE}, and exits with {@link Main#EXIT_USAGE}.
 */
final class CliFailure extends RuntimeException {
    CliFailure(String message) {
        super(message, null, false, false);
    }
}
