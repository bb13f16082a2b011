package io.tapls.cli;

import io.tapls.workspace.Discovery;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * In-process timings for the benchmarks under bench/ (not for users, hence hidden): the same work a
 * command does, repeated in one warm JVM.
 */
@Command(name = "bench", hidden = true, description = "Time checks in one warm JVM (used by bench/).")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--warmup")
    int warmup = 30;

    @Option(names = "--runs")
    int runs = 50;

    @Option(names = "--keystroke", description = "Time an editor keystroke in each file instead: one edit, then"
            + " the document's new diagnostics, as the language server computes them.")
    boolean keystroke;

    /** Types and erases a character in the middle line of each file, timing each version's diagnostics. */
    private Integer keystrokes() throws IOException {
        PrintStream out = System.out;
        for (Path f : paths) {
            String content = Files.readString(f, StandardCharsets.UTF_8);
            Workspace workspace = new Workspace(List.of(), Settings.defaults());
            String uri = f.toAbsolutePath().toUri().toString();
            long openStart = System.nanoTime();
            Document doc = workspace.open(uri, "trace-events", 0, content);
            workspace.diagnostics(doc);
            long open = System.nanoTime() - openStart;
            io.tapls.text.SourceText text = doc.text();
            int line = text.lineCount() / 2;
            io.tapls.text.Position at = new io.tapls.text.Position(line, 0);
            io.tapls.text.Position after = new io.tapls.text.Position(line, 1);
            long[] times = new long[runs];
            for (int i = 0; i < warmup + runs; i++) {
                boolean type = i % 2 == 0;
                var change = type ? new io.tapls.workspace.TextChange(at, at, "x")
                        : new io.tapls.workspace.TextChange(at, after, "");
                long start = System.nanoTime();
                doc = workspace.change(uri, i + 1, List.of(change));
                workspace.diagnostics(doc);
                long elapsed = System.nanoTime() - start;
                if (i >= warmup) {
                    times[i - warmup] = elapsed;
                }
            }
            Arrays.sort(times);
            out.printf("file=%s lines=%d open_ms=%.2f keystroke_median_ms=%.2f keystroke_max_ms=%.2f%n", f,
                    text.lineCount(), open / 1e6, times[runs / 2] / 1e6, times[runs - 1] / 1e6);
        }
        return Main.EXIT_OK;
    }

    @Override
    public Integer call() throws IOException {
        if (keystroke) {
            return keystrokes();
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(Files.isDirectory(p) ? Discovery.files(p, EnumSet.of(FileKind.TRACE_EVENTS)).files() : List.of(p));
        }
        List<String> names = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (Path f : files) {
            names.add(f.toString());
            contents.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        Workspace workspace = new Workspace(List.of(), Settings.defaults());
        long[] times = new long[runs];
        int diagnostics = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            int n = 0;
            for (int k = 0; k < contents.size(); k++) {
                n += workspace.check(names.get(k), contents.get(k), FileKind.TRACE_EVENTS).size();
            }
            long elapsed = System.nanoTime() - start;
            if (i >= warmup) {
                times[i - warmup] = elapsed;
            }
            diagnostics = n;
        }
        Arrays.sort(times);
        PrintStream out = System.out;
        out.printf("files=%d diagnostics=%d runs=%d min_ms=%.2f median_ms=%.2f max_ms=%.2f%n", files.size(),
                diagnostics, runs, times[0] / 1e6, times[runs / 2] / 1e6, times[runs - 1] / 1e6);
        return Main.EXIT_OK;
    }
}
