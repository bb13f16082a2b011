package io.tapls.cli;

import io.tapls.stap.PpConfig;
import io.tapls.stap.StapDump;
import io.tapls.stap.TapsetPath;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print the parse tree of SystemTap scripts exactly as stap -p1 prints it: the active"
                + " preprocessor branches, macros expanded, every expression fully parenthesised.",
            "Exit status: 0 done, 2 usage or I/O error."})
final class DumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".stp files.")
    List<Path> files = new ArrayList<>();

    @picocli.CommandLine.Mixin
    TapsetOptions tapsetOptions = new TapsetOptions();

    @Override
    public Integer call() {
        tapsetOptions.requireDirectories();
        Settings settings = tapsetOptions.applyTo(Settings.defaults());
        List<Path> roots = settings.tapsetRoots();
        for (Path f : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("tapls: " + f + ": " + Discovery.reason(e));
                return Main.EXIT_USAGE;
            }
            PpConfig config = settings.stapTarget().forPath(f.toAbsolutePath().toString());
            System.out.print(StapDump.dump(f.toString(), text, TapsetPath.libraryMacros(roots, config), config,
                    settings.scriptArguments().isEmpty() ? null : settings.scriptArguments()));
        }
        System.out.flush();
        return Main.EXIT_OK;
    }
}
