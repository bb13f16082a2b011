package io.tapls.cli;

import io.tapls.lsp.ServerLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Run the language server on stdin/stdout (what editors start).")
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "Talk over stdin/stdout (the default, accepted for editors that pass it).")
    boolean stdio = true;

    /** Reached for `lsp --help` and the like: `tapls lsp [--stdio]` itself starts in {@link Main#main}. */
    @Override
    public Integer call() {
        return ServerLauncher.runStdio();
    }
}
