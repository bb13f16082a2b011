package io.tapls.cli;

import io.tapls.diag.FileReport;
import io.tapls.cli.report.GccReporter;
import io.tapls.cli.report.GithubReporter;
import io.tapls.cli.report.JsonReporter;
import io.tapls.cli.report.Reporter;
import io.tapls.cli.report.SarifReporter;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.text.SourceText;
import io.tapls.traceevents.QemuVersion;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.RuleCatalog;
import io.tapls.workspace.Settings;
import io.tapls.workspace.TaplsVersion;
import io.tapls.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
            "Directories are searched for trace-events, *.trace-events, trace-events-all, *.stp and *.stpm.",
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

    @picocli.CommandLine.Mixin
    TapsetOptions tapsetOptions = new TapsetOptions();

    @picocli.CommandLine.Mixin
    ProbePrefixOptions prefixOptions = new ProbePrefixOptions();

    @Option(names = "--werror", description = "Treat warnings as errors for the exit status.")
    boolean werror;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default: only on a terminal), always, never.")
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
        if (paths.isEmpty()) {
            paths.add(Path.of("."));
        }
        int status = Main.EXIT_OK;
        // The files to check, each once however it was named (x and ./x are one file), in the order given.
        Map<Path, Path> files = new LinkedHashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Discovery.Found found = Discovery.files(p, EnumSet.of(FileKind.TRACE_EVENTS, FileKind.STAP));
                for (String problem : found.problems()) {
                    err.println("tapls: " + problem);
                    status = Main.EXIT_USAGE;
                }
                if (found.files().isEmpty() && found.problems().isEmpty()) {
                    err.println("tapls: " + p + ": no trace-events, *.trace-events, *.stp or *.stpm files here");
                    status = Main.EXIT_USAGE;
                }
                for (Path f : found.files()) {
                    files.putIfAbsent(f.toAbsolutePath().normalize(), f);
                }
            } else if (Files.exists(p)) {
                files.putIfAbsent(p.toAbsolutePath().normalize(), p);
            } else {
                err.println("tapls: " + p + ": No such file or directory");
                status = Main.EXIT_USAGE;
            }
        }
        Settings settings = prefixOptions.applyTo(tapsetOptions.applyTo(Settings.defaults().withQemuVersion(version)
                .withRules(Set.copyOf(disabled), Set.copyOf(enabled)).withSyntaxOnly(syntaxOnly)));
        Workspace workspace = new Workspace(paths, settings);
        // Files are independent: check them in parallel, report them in order.
        List<Path> ordered = new ArrayList<>(files.values());
        List<Outcome> outcomes = ordered.parallelStream().map(f -> checkFile(f, workspace)).toList();
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
            case gcc -> new GccReporter(color == Color.always || color == Color.auto && System.console() != null);
            case json -> new JsonReporter();
            case sarif -> new SarifReporter(TaplsVersion.get());
            case github -> new GithubReporter();
        };
        reporter.report(reports, out);
        out.flush();
        if (format == Format.gcc && reports.stream().anyMatch(r -> !r.diagnostics().isEmpty())) {
            err.println(GccReporter.summary(reports));
        }
        boolean failed = reports.stream().anyMatch(r -> r.count(Severity.ERROR) > 0
                || werror && r.count(Severity.WARNING) > 0);
        return status != Main.EXIT_OK ? status : failed ? Main.EXIT_PROBLEMS : Main.EXIT_OK;
    }

    /** A file's report, or the one-line I/O problem that kept it from being checked. */
    private record Outcome(FileReport report, String problem) {
    }

    private static Outcome checkFile(Path f, Workspace workspace) {
        String shown = f.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            return new Outcome(null, "tapls: " + shown + ": " + Discovery.reason(e));
        }
        String content;
        try {
            content = decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            return new Outcome(null, notUtf8(shown, bytes));
        }
        FileKind kind = FileKind.of(f);
        // A file named on the command line is checked even when its name says nothing of its kind.
        List<Diagnostic> diagnostics = workspace.check(shown, content,
                kind == FileKind.UNKNOWN ? FileKind.TRACE_EVENTS : kind);
        return new Outcome(new FileReport(shown, new SourceText(content), diagnostics), null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** path:line:col: error: ... at the first byte that is not UTF-8. */
    static String notUtf8(String shown, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer decoded = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, decoded, true);
        int bad = Math.min(in.position(), bytes.length - 1);
        String before = decoded.flip().toString();
        int lineStart = before.lastIndexOf('\n') + 1;
        long line = before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.codePointCount(lineStart, before.length()) + 1;
        return shown + ":" + line + ":" + column + ": error: the file is not valid UTF-8 (byte 0x"
                + String.format("%02x", bytes[bad] & 0xff) + "); tracetool fails with UnicodeDecodeError [encoding]";
    }
}
