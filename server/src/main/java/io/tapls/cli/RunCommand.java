package io.tapls.cli;

import io.tapls.generate.GenerateOptions;
import io.tapls.generate.Refusals;
import io.tapls.generation.GeneratedFiles;
import io.tapls.generation.Generation;
import io.tapls.generation.QemuTraceStap;
import io.tapls.generation.TraceEventsInputs;
import io.tapls.traceevents.QemuVersion;
import io.tapls.tracetool.ProbePrefix;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trace a QEMU binary's events with SystemTap, as 'qemu-trace-stap run' does: runs"
                + " stap -s 8 -I TAPSETS [-x PID] -e 'probe PREFIX.log.PATTERN {} ...'.",
            "PREFIX is meson's probe prefix for the binary (qemu.system.x86_64, qemu.user.x86_64, qemu.img,"
                + " qemu.storage_daemon), which qemu-trace-stap gets wrong for user-mode emulators and"
                + " qemu-storage-daemon.",
            "TAPSETS: --tapsets, else <bindir>/../share/systemtap/tapset when it has <exe>-log.stp, else tapsets"
                + " generated from --trace-events into a temporary directory.",
            "Exit status: stap's, or 1 when the trace-events input has errors, 2 usage or I/O error."})
final class RunCommand implements Callable<Integer> {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    @Parameters(index = "0", paramLabel = "BINARY", description = "The QEMU executable to trace (a path, or a name"
            + " looked up in $PATH).")
    String binary;

    @Parameters(index = "1..*", paramLabel = "PATTERN", description = "Event name patterns, stap wildcards"
            + " (e.g. 'qio*').")
    List<String> patterns = new ArrayList<>();

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "Trace only this process (stap -x PID).")
    Integer pid;

    @Option(names = "--dry-run", description = "Print the stap command, shell-quoted, instead of running it.")
    boolean dryRun;

    @Option(names = "--tapsets", paramLabel = "DIR", description = "Where the tapsets are.")
    Path tapsets;

    @Option(names = "--trace-events", paramLabel = "PATH",
            description = "A trace-events file or directory to generate the tapsets from when none are installed"
                    + " (repeatable).")
    List<Path> traceEvents = new ArrayList<>();

    @Option(names = "--probe-prefix", paramLabel = "PREFIX",
            description = "Probe prefix, for binaries that are not qemu-* executables.")
    String probePrefix;

    @Option(names = "--stap-arg", paramLabel = "ARG", preprocessor = VerbatimValue.class,
            description = "An extra option for stap (repeatable), e.g. --stap-arg=-p2 or --stap-arg -v.")
    List<String> stapArgs = new ArrayList<>();

    @Option(names = "--stap", paramLabel = "PATH", description = "The stap to run (default: $TAPLS_STAP, else stap"
            + " from $PATH).")
    String stap;

    @picocli.CommandLine.Mixin
    QemuVersionOption qemu = new QemuVersionOption();

    @Option(names = {"-v", "--verbose"}, description = "Say which tapsets and script are used, and print a line"
            + " when tracing starts.")
    boolean verbose;

    /** Takes the next argument as the option's value even when it looks like an option (-p2, -v). */
    static final class VerbatimValue implements CommandLine.IParameterPreprocessor {
        @Override
        @SuppressWarnings("unchecked")
        public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec commandSpec,
                                  CommandLine.Model.ArgSpec argSpec, Map<String, Object> info) {
            if (args.isEmpty()) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "Missing required parameter for option '--stap-arg' (ARG)");
            }
            List<String> values = argSpec.getValue();
            if (values == null) {
                values = new ArrayList<>();
                argSpec.setValue(values);
            }
            values.add(args.pop());
            return true;
        }
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (patterns.isEmpty()) {
            return usage("At least one probe pattern must be specified");
        }
        QemuVersion version = qemu.version;
        String prefix = probePrefix != null ? probePrefix : ProbePrefix.forBinary(binary).orElse(null);
        if (prefix == null || prefix.isEmpty()) {
            return usage("cannot derive a probe prefix from '" + binary + "' (not a qemu-* executable):"
                    + " give --probe-prefix");
        }
        String stapExe = stap != null ? stap : System.getenv("TAPLS_STAP");
        if (stapExe == null || stapExe.isEmpty()) {
            Path found = QemuTraceStap.which("stap");
            if (found == null && !dryRun) {
                return usage("stap not found in $PATH (install systemtap, or give --stap)");
            }
            stapExe = found == null ? "stap" : found.toString();
        }
        Path resolved = QemuTraceStap.resolveBinary(binary);
        Path generated = null;
        Path dir = tapsets;
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                return usage(dir + ": no such tapset directory");
            }
        } else {
            Path installed = resolved == null ? null : QemuTraceStap.installedTapsets(resolved);
            if (installed != null && QemuTraceStap.hasLogTapset(installed, binary)) {
                dir = installed;
            } else if (!traceEvents.isEmpty()) {
                try {
                    generated = Files.createTempDirectory("tapls-tapsets-");
                } catch (IOException e) {
                    return usage("cannot create a temporary directory: " + e.getMessage());
                }
                String tapsetBinary = resolved != null ? resolved.toString() : binary;
                int status = generate(generated, tapsetBinary, prefix, version, err);
                if (status != Main.EXIT_OK) {
                    deleteTree(generated);
                    return status;
                }
                dir = generated;
            } else if (resolved == null) {
                return usage(binary.indexOf('/') >= 0 ? "Unable to find '" + binary + "'"
                        : "Unable to find '" + binary + "' in $PATH");
            } else {
                return usage("no tapsets for " + ProbePrefix.exeName(binary) + " in " + installed
                        + ": give --tapsets DIR or --trace-events PATH");
            }
        }
        String script = QemuTraceStap.script(prefix, patterns, verbose);
        List<String> command = QemuTraceStap.command(stapExe, dir, pid, stapArgs, script);
        if (verbose) {
            err.println("Using tapset dir '" + dir + "' for binary '" + binary + "'");
            err.println("Compiling script '" + script + "'");
        }
        if (dryRun) {
            System.out.println(String.join(" ", command.stream().map(RunCommand::shellQuote).toList()));
            System.out.flush();
            if (generated != null) {
                err.println("tapls: tapsets generated in " + generated + " (kept for --dry-run)");
            }
            return Main.EXIT_OK;
        }
        return exec(command, generated, err);
    }

    /**
     * Runs stap as a child in the foreground and relays its exit status. Like qemu-trace-stap, which execs
     * stap, tapls lets stap alone handle Ctrl-C (stap then prints what its end probes print and exits); the
     * JVM ignores SIGINT meanwhile. The generated tapsets, if any, are deleted when stap has exited.
     */
    private static int exec(List<String> command, Path generated, PrintStream err) {
        // Before the child exists, so that no Ctrl-C slips in between; a handler (unlike SIG_IGN) is not
        // inherited by stap, which gets the default disposition back when it is exec'd.
        ignoreInterrupts();
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            deleteTree(generated);
            return usage("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        Thread cleanup = new Thread(() -> {
            // SIGTERM or SIGHUP to tapls: pass it on, give stap a moment to finish, then clean up
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteTree(generated);
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return Main.EXIT_USAGE;
        } finally {
            deleteTree(generated);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /**
     * From now on SIGINT does nothing to tapls: a handler that does nothing replaces the JVM's, which would
     * shut down. Through reflection: sun.misc.Signal is in jdk.unsupported, and javac warns about every
     * direct use.
     */
    private static void ignoreInterrupts() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object interrupt = signal.getConstructor(String.class).newInstance("INT");
            Object nothing = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "ignore SIGINT";
                        default -> null; // handle(Signal): nothing
                    });
            signal.getMethod("handle", signal, handler).invoke(null, interrupt, nothing);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no such signal or API here: Ctrl-C then ends tapls too, after stap has had it
        }
    }

    /** Writes meson's install set for the binary into dir, from --trace-events; the problems on err. */
    private int generate(Path dir, String tapsetBinary, String prefix, QemuVersion version, PrintStream err) {
        TraceEventsInputs.Loaded loaded = TraceEventsInputs.load(traceEvents, version);
        Optional<Generation.Stop> refused = Generation.acceptForLogTapset(loaded, version);
        if (refused.isPresent()) {
            return Problems.print(refused.get(), err);
        }
        // What tracetool's log-stap generator accepts, as qemu-trace-stap's tapsets would have been made.
        Generation.Generated generated = Generation.generate(loaded, Generation.Request.installSet(dir,
                new GenerateOptions(version, tapsetBinary, prefix), Refusals.Policy.TRACETOOL));
        if (generated.stop() != null) {
            return Problems.print(generated.stop(), err);
        }
        Optional<GeneratedFiles.WriteFailure> failure = GeneratedFiles.writeAll(generated.outputs());
        if (failure.isPresent()) {
            return usage(dir + ": cannot write: " + failure.get().message());
        }
        return Main.EXIT_OK;
    }

    static String shellQuote(String arg) {
        if (SHELL_SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }

    private static int usage(String message) {
        System.err.println("tapls: " + message);
        return Main.EXIT_USAGE;
    }
}
