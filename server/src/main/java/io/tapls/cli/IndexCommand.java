package io.tapls.cli;

import io.tapls.index.TapsetIndex;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapReader;
import io.tapls.stap.TapsetPath;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.TextFiles;
import io.tapls.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Index the SystemTap tapset library, extra tapset directories and workspace files, and print"
                + " what the index knows: probe aliases and functions in the formats of stap --dump-probe-aliases"
                + " and stap --dump-functions.",
            "trace-events files among PATHs add the aliases tracetool generates for them.",
            "Exit status: 0 done, 2 usage or I/O error."})
final class IndexCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "Workspace files or directories: *.stp, *.stpm, trace-events.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--dump-aliases", description = "Print every probe alias: NAME = POINT, POINT (as stap does).")
    boolean dumpAliases;

    @Option(names = "--dump-functions", description = "Print every function: NAME:TYPE (ARG:TYPE, ...) (as stap does).")
    boolean dumpFunctions;

    @picocli.CommandLine.Mixin
    TapsetOptions tapsetOptions = new TapsetOptions();

    @picocli.CommandLine.Mixin
    ProbePrefixOptions prefixOptions = new ProbePrefixOptions();

    @Option(names = "--repeat", hidden = true, paramLabel = "N",
            description = "Benchmark: build the index N times in this process and print the times.")
    int repeat;

    @Option(names = "--reparse", hidden = true, paramLabel = "FILE",
            description = "Benchmark: parse FILE --repeat times in this process and print the times.")
    Path reparse;

    @Override
    public Integer call() throws IOException {
        tapsetOptions.requireDirectories();
        if (repeat > 0) {
            return bench();
        }
        PrintStream out = System.out;
        List<Path> stap = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                System.err.println("tapls: " + p + ": No such file or directory");
                return Main.EXIT_USAGE;
            }
            if (Files.isDirectory(p)) {
                Discovery.Found found = Discovery.files(p, EnumSet.of(FileKind.STAP));
                if (!found.problems().isEmpty()) {
                    System.err.println(Problems.line(found.problems().get(0)));
                    return Main.EXIT_USAGE;
                }
                stap.addAll(found.files());
            } else if (FileKind.of(p) == FileKind.STAP) {
                stap.add(p);
            }
        }
        List<String> texts = new ArrayList<>();
        for (Path f : stap) {
            TextFiles.Read read = TextFiles.read(f, f.toString());
            if (read.problem() != null) {
                System.err.println(Problems.line(read.problem()));
                return Main.EXIT_USAGE;
            }
            texts.add(read.text());
        }
        Settings settings = prefixOptions.applyTo(tapsetOptions.applyTo(Settings.defaults()));
        Workspace workspace = new Workspace(paths, settings);
        // The workspace's own scripts and tapsets join the index over the library and the derived aliases.
        TapsetIndex index = workspace.index().overlay();
        PpConfig config = settings.stapTarget();
        for (int i = 0; i < stap.size(); i++) {
            index.add(StapReader.read(stap.get(i).toString(), texts.get(i),
                    TapsetPath.libraryMacros(settings.tapsetRoots(), config), config), true);
        }
        index.refineTypes();
        workspace.shutdown();
        if (dumpAliases) {
            index.dumpAliases().forEach(out::println);
        }
        if (dumpFunctions) {
            index.dumpFunctions().forEach(out::println);
        }
        if (!dumpAliases && !dumpFunctions) {
            long aliases = index.aliases().values().stream().mapToLong(List::size).sum();
            long functions = index.functions().values().stream().mapToLong(List::size).sum();
            out.printf("%d files, %d probe aliases (%d names), %d functions (%d names), %d macros%n",
                    index.fileCount(), aliases, index.aliases().size(), functions, index.functions().size(),
                    index.macros().size());
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** Prints one time a line (ms), then the minimum and median of the second half (warm). */
    private int bench() throws IOException {
        Settings settings = prefixOptions.applyTo(tapsetOptions.applyTo(Settings.defaults()));
        PpConfig config = settings.stapTarget();
        List<Path> roots = settings.tapsetRoots();
        List<Double> times = new ArrayList<>();
        String content = reparse == null ? null : Files.readString(reparse);
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            if (reparse != null) {
                StapReader.read(reparse.toString(), content, TapsetPath.libraryMacros(roots, config),
                        config);
            } else {
                TapsetIndex.build(roots, config);
            }
            times.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> warm = new ArrayList<>(times.subList(times.size() / 2, times.size()));
        warm.sort(null);
        System.out.printf("%s: first %.1f ms, warm min %.1f ms, warm median %.1f ms (%d runs)%n",
                reparse != null ? "reparse " + reparse.getFileName() : "index", times.get(0), warm.get(0),
                warm.get(warm.size() / 2), repeat);
        return Main.EXIT_OK;
    }
}
