package io.tapls.cli;

import io.tapls.diag.FileReport;
import io.tapls.cli.report.GccReporter;
import io.tapls.cli.report.GithubReporter;
import io.tapls.cli.report.JsonReporter;
import io.tapls.cli.report.Reporter;
import io.tapls.cli.report.SarifReporter;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.InputRules;
import io.tapls.diag.Severity;
import io.tapls.text.SourceText;
import io.tapls.traceevents.QemuVersion;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.InputProblem;
import io.tapls.workspace.RuleCatalog;
import io.tapls.workspace.Settings;
import io.tapls.workspace.TaplsVersion;
import io.tapls.workspace.TextFiles;
import io.tapls.workspace.Workspace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check trace-events files for everything tracetool, checkpatch and the C compiler would reject.",
            "Check SystemTap scripts and tapsets (*.stp, *.stpm) for what stap's passes 1 and 2 would report.",
            "Check DTrace provider files written libvirt's way (*.d) for what its dtrace2systemtap.py, dtrace -h and"
                + " stap would reject.",
            "Directories are searched for trace-events, *.trace-events, trace-events-all, *.stp, *.stpm and the *.d"
                + " files that declare a provider.",
            "Exit status: 0 clean, 1 problems found, 2 usage or I/O error."})
final class CheckCommand implements Callable<Integer> {
    enum Format { gcc, json, sarif, github }

    enum Color { auto, always, never }

    @Parameters(paramLabel = "PATH", description = "Files or directories (default: the current directory).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "gcc (default), json, sarif or github.")
    Format format = Format.gcc;

    @picocli.CommandLine.Mixin
    QemuVersionOption qemu = new QemuVersionOption();

    @Option(names = "--disable", paramLabel = "RULE", split = ",", description = "Turn a rule off (repeatable).")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--enable", paramLabel = "RULE", split = ",",
            description = "Turn on a rule that is off by default (repeatable).")
    List<String> enabled = new ArrayList<>();

    @Option(names = "--syntax-only",
            description = "For .stp/.stpm files, report only what stap's pass 1 (parse) reports, as stap -p1 would.")
    boolean syntaxOnly;

    @Option(names = {"-u", "--unoptimized"},
            description = "Elaborate SystemTap scripts as stap -u does: unused code is type-checked too.")
    boolean unoptimized;

    @picocli.CommandLine.Mixin
    TapsetOptions tapsetOptions = new TapsetOptions();

    @picocli.CommandLine.Mixin
    ProbePrefixOptions prefixOptions = new ProbePrefixOptions();

    @Option(names = "--werror", description = "Treat warnings as errors for the exit status.")
    boolean werror;

    @Option(names = "--color", paramLabel = "WHEN",
            description = "auto (default: only on a terminal, and not when NO_COLOR is set), always, never.")
    Color color = Color.auto;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        QemuVersion version = qemu.version;
        for (String id : concat(disabled, enabled)) {
            if (RuleCatalog.find(id).isEmpty()) {
                err.println("tapls: unknown rule '" + id + "' (see 'tapls rules')");
                return Main.EXIT_USAGE;
            }
        }
        tapsetOptions.requireDirectories();
        if (paths.isEmpty()) {
            paths.add(Path.of("."));
        }
        int status = Main.EXIT_OK;
        // The files to check, each once however it was named (x and ./x are one file), in the order given.
        Map<Path, Path> files = new LinkedHashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Discovery.Found found = Discovery.directoryGiven(p, EnumSet.of(FileKind.TRACE_EVENTS, FileKind.STAP,
                        FileKind.PROVIDER));
                if (!found.problems().isEmpty()) {
                    Problems.print(found.problems(), err);
                    status = Main.EXIT_USAGE;
                }
                for (Path f : found.files()) {
                    files.putIfAbsent(f.toAbsolutePath().normalize(), f);
                }
            } else if (!Files.notExists(p)) {
                // Present, or present but not to be looked at (a loop of links, a directory not searchable):
                // reading it says why.
                files.putIfAbsent(p.toAbsolutePath().normalize(), p);
            } else {
                err.println("tapls: " + p + ": No such file or directory");
                status = Main.EXIT_USAGE;
            }
        }
        Settings settings = prefixOptions.applyTo(tapsetOptions.applyTo(Settings.defaults().withQemuVersion(version)
                .withRules(Set.copyOf(disabled), Set.copyOf(enabled)).withSyntaxOnly(syntaxOnly).withUnoptimized(unoptimized)));
        Workspace workspace = new Workspace(paths, settings);
        // Files are independent: check them in parallel, report them in order.
        List<Path> ordered = new ArrayList<>(files.values());
        List<Outcome> outcomes = ordered.parallelStream().map(f -> checkFile(f, workspace, settings)).toList();
        workspace.shutdown();
        List<FileReport> reports = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.report() != null) {
                reports.add(o.report());
            } else {
                err.println(o.problem());
                status = Main.EXIT_USAGE;
            }
        }
        Reporter reporter = switch (format) {
            case gcc -> new GccReporter(colored(color));
            case json -> new JsonReporter();
            case sarif -> new SarifReporter(TaplsVersion.get());
            case github -> new GithubReporter();
        };
        reporter.report(reports, out);
        out.flush();
        if (format == Format.gcc && !reports.isEmpty()) {
            // As on a run with problems, so that a clean run says what it checked (and that it checked anything).
            err.println(GccReporter.summary(reports));
        }
        boolean failed = reports.stream().anyMatch(r -> r.count(Severity.ERROR) > 0
                || werror && r.count(Severity.WARNING) > 0);
        return status != Main.EXIT_OK ? status : failed ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    /** A file's report, or the one-line I/O problem that kept it from being checked. */
    private record Outcome(FileReport report, String problem) {
    }

    private static Outcome checkFile(Path f, Workspace workspace, Settings settings) {
        String shown = f.toString();
        TextFiles.Read read = TextFiles.read(f, shown);
        String content = read.text();
        if (read.problem() instanceof InputProblem.NotUtf8 notUtf8) {
            // The encoding rule: reported like any other diagnostic, in every format. tracetool stops at the
            // first byte it cannot decode, and so does the check; with the rule off, the text as an editor
            // would show it (U+FFFD for the bytes) is checked instead.
            if (settings.runs(InputRules.ENCODING)) {
                SourceText text = new SourceText(content);
                return new Outcome(new FileReport(shown, text, List.of(notUtf8.toDiagnostic(text))), null);
            }
        } else if (read.problem() != null) {
            return new Outcome(null, Problems.line(read.problem()));
        }
        FileKind kind = FileKind.of(f);
        // A file named on the command line is checked even when its name says nothing of its kind.
        List<Diagnostic> diagnostics = workspace.check(shown, content,
                kind == FileKind.UNKNOWN ? FileKind.TRACE_EVENTS : kind);
        return new Outcome(new FileReport(shown, new SourceText(content), diagnostics), null);
    }

    /**
     * Whether the gcc format is coloured: {@code --color always} or {@code never} as asked; by default only on
     * a terminal, and never when the NO_COLOR environment variable is set and not empty (no-color.org: an
     * explicit command-line option wins over it).
     */
    static boolean colored(Color color) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && (System.getenv("NO_COLOR") == null
                    || System.getenv("NO_COLOR").isEmpty());
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
