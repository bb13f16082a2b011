package io.tapls.cli;

import io.tapls.stap.PpConfig;
import io.tapls.stap.StapDump;
import io.tapls.stap.TapsetPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print the parse tree of SystemTap scripts exactly as stap -p1 prints it: the active",
            "preprocessor branches, macros expanded, every expression fully parenthesised.",
            "Exit status: 0 done, 2 usage or I/O error."})
final class DumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".stp files.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"--tapset", "-I"}, paramLabel = "DIR", description = "An extra tapset directory (repeatable).")
    List<Path> tapsets = new ArrayList<>();

    @Option(names = "--no-default-tapsets", description = "Do not load the default library's macros.")
    boolean noDefaultTapsets;

    @Option(names = "--script-argument", paramLabel = "VALUE",
            description = "A value of the scripts' $1, $2, ... and @1, @2, ..., in order (repeatable).")
    List<String> scriptArguments = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> roots = TapsetPath.roots(!noDefaultTapsets, tapsets);
        for (Path f : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("tapls: " + f + ": cannot read: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
            PpConfig config = PpConfig.defaults().forPath(f.toAbsolutePath().toString());
            System.out.print(StapDump.dump(f.toString(), text, TapsetPath.libraryMacros(roots, config), config,
                    scriptArguments.isEmpty() ? null : scriptArguments));
        }
        System.out.flush();
        return Main.EXIT_OK;
    }
}
