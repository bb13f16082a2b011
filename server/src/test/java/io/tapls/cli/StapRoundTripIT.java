package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trip through the real SystemTap (../shared/spec/systemtap.md section 3): generate the d provider,
 * build a program with dtrace -h / dtrace -G and gcc that fires every marker, generate the tapsets for that
 * binary, and have stap -p2 (offline, with stap-oracle's fake kernel tree) elaborate
 * {@code probe <prefix>.log.* {}} and {@code probe <prefix>.simpletrace.* {}}: exit 0, one probe per enabled
 * event. Needs systemtap, systemtap-sdt-dev and gcc: skipped visibly without them, failed under CI=true.
 */
class StapRoundTripIT {
    static final String PREFIX = "qemu.system.x86_64";
    private static final Pattern MACRO = Pattern.compile("^#define (QEMU_\\w+)\\(([^)]*)\\) \\\\$", Pattern.MULTILINE);

    static Path oracle;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        for (String tool : new String[] {"stap", "dtrace", "gcc"}) {
            Path found = io.tapls.generation.QemuTraceStap.which(tool);
            Corpora.require(found != null ? found : Path.of("/usr/bin", tool),
                    tool + " (apt-get install systemtap systemtap-sdt-dev gcc)");
        }
        oracle = Corpora.require(Corpora.shared().resolve("tools/stap-oracle/stap-oracle"), "stap-oracle");
    }

    /** Five corpus files: with string arguments (hw/pci, system), stap reserved words (util: self, hw/pci:
     *  function, system: global and next), dtrace ones (util: self, hw/input: counter). */
    @ParameterizedTest
    @ValueSource(strings = {"accel/kvm", "util", "hw/pci", "system", "hw/input"})
    void eachFormatCommandGivesTapsetsThatElaborate(String source) throws Exception {
        List<Path> inputs = List.of(corpus(source));
        Path binary = buildFiringEveryMarker(inputs);
        Path tapset = Files.createDirectories(dir.resolve("tapset"));
        generate("--format", "stap", "--binary", binary.toString(), "-o", tapset.resolve("q.stp").toString(), inputs);
        generate("--format", "log-stap", "--binary", binary.toString(), "-o", tapset.resolve("q-log.stp").toString(),
                inputs);
        generate("--format", "simpletrace-stap", "--probe-prefix", PREFIX, "-o",
                tapset.resolve("q-simpletrace.stp").toString(), inputs);
        int events = enabledEvents(inputs);
        assertEquals(events, elaborate(tapset, "probe " + PREFIX + ".log.* {}"), "log probes");
        assertEquals(events, elaborate(tapset, "probe " + PREFIX + ".simpletrace.* {}"), "simpletrace probes");
        if (source.equals("util")) {
            // stap_escape(): 'self' is a stap keyword, so the variable is self_ and stap sees it
            String listing = run(List.of(oracle.toString(), "--raw", "-L", PREFIX + ".log.qemu_co_mutex_lock_entry",
                    "-I", tapset.toString()));
            assertTrue(listing.contains(" mutex:long self_:long"), listing);
        }
    }

    @Test
    void anInstallSetOverSeveralFilesElaborates() throws Exception {
        List<Path> inputs = List.of(corpus("accel/kvm"), corpus("util"), corpus("hw/pci"), corpus("system"));
        Path binary = buildFiringEveryMarker(inputs);
        Path tapset = dir.resolve("share/systemtap/tapset");
        List<String> args = new ArrayList<>(List.of("generate", "--install-set", tapset.toString(), "--binary",
                binary.toString()));
        inputs.forEach(p -> args.add(p.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        int events = enabledEvents(inputs);
        assertTrue(events > 150);
        assertEquals(events, elaborate(tapset, "probe " + PREFIX + ".log.* {}"));
        assertEquals(events, elaborate(tapset, "probe " + PREFIX + ".simpletrace.* {}"));

        // tapls list agrees with what the real stap -l lists from the installed tapsets
        String stapList = run(List.of(oracle.toString(), "--raw", "-l", PREFIX + ".log.qemu_*", "-I",
                tapset.toString()));
        List<String> args2 = new ArrayList<>(List.of("list", "qemu-system-x86_64", "qemu_*", "--trace-events"));
        inputs.forEach(p -> args2.add(p.toString()));
        Cli.Result list = Cli.run(args2.toArray(String[]::new));
        assertEquals(0, list.exitCode(), list.stderr());
        assertEquals(stapList.replace(PREFIX + ".log.", ""), list.stdout());
        assertTrue(list.stdout().lines().count() > 20);

        // tapls run --stap-arg=-p2: the same through the CLI, with the tapsets found beside the binary
        // (<bindir>/../share/systemtap/tapset, as qemu-trace-stap looks for them)
        Path stap = stapWithFakeKernel();
        Cli.Result run = Cli.run("run", "--stap", stap.toString(), "--stap-arg=-p2", binary.toString(), "kvm_*",
                "qemu_co_*");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(count(inputs, "kvm_") + count(inputs, "qemu_co_"), probes(run.stdout()));
    }

    /** QEMU 7.2's dialect: the start of Debian's trace-events-all, with its 'vcpu' events and their __cpu. */
    @Test
    void legacyDialectElaborates() throws Exception {
        List<String> lines = Files.readAllLines(Corpora.debianTraceEventsAll()).subList(0, 200);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("vcpu ")), "the first 200 lines have vcpu events");
        Path te = dir.resolve("trace-events-all");
        Files.write(te, lines);
        List<Path> inputs = List.of(te);
        Path build = Files.createDirectories(dir.resolve("build"));
        Path d = build.resolve("provider.d");
        generate(new String[] {"--qemu-version", "7.2", "--format", "d", "-o", d.toString()}, inputs);
        assertTrue(Files.readString(d).startsWith("/* This file is autogenerated by tracetool, do not edit. */\n"
                + "provider qemu {\n\n"));
        Path binary = buildFromProvider(d, enabledEvents(inputs));
        Path tapset = dir.resolve("tapset");
        generate(new String[] {"--qemu-version", "7.2", "--install-set", tapset.toString(), "--binary",
            binary.toString()}, inputs);
        int events = enabledEvents(inputs);
        assertEquals(events, elaborate(tapset, "probe " + PREFIX + ".log.* {}"));
        assertEquals(events, elaborate(tapset, "probe " + PREFIX + ".simpletrace.* {}"));
        String listing = run(List.of(oracle.toString(), "--raw", "-L", PREFIX + ".log.guest_user_syscall_ret", "-I",
                tapset.toString()));
        assertTrue(listing.contains(".log.guest_user_syscall_ret __cpu:long num:long ret:long"), listing);
    }

    @Test
    void runGeneratesTheTapsetsFromTraceEventsWhenNoneAreInstalled() throws Exception {
        List<Path> inputs = List.of(corpus("hw/pci"));
        Path binary = buildFiringEveryMarker(inputs);
        Cli.Result run = Cli.run("run", "--stap", stapWithFakeKernel().toString(), "--stap-arg=-p2", "--trace-events",
                inputs.get(0).toString(), binary.toString(), "*");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(enabledEvents(inputs), probes(run.stdout()));
        // the exit code of stap is relayed: here, a pattern that matches no probe
        Cli.Result none = Cli.run("run", "--stap", stapWithFakeKernel().toString(), "--stap-arg=-p2", "--trace-events",
                inputs.get(0).toString(), binary.toString(), "no_such_event");
        assertEquals(1, none.exitCode(), none.stderr());
        assertTrue(none.stderr().contains("semantic error"), none.stderr());
    }

    /** tapls generate --format d, dtrace -h and -G, a C program calling every QEMU_EVENT(0, ...) macro, gcc. */
    private Path buildFiringEveryMarker(List<Path> inputs) throws IOException {
        Path build = Files.createDirectories(dir.resolve("build"));
        Path d = build.resolve("provider.d");
        generate("--format", "d", "-o", d.toString(), inputs);
        return buildFromProvider(d, enabledEvents(inputs));
    }

    /** dtrace -h and -G on the provider, a C program calling every marker macro, gcc. */
    private Path buildFromProvider(Path d, int expectedMarkers) throws IOException {
        Path build = d.getParent();
        Path header = build.resolve("provider.h");
        Path object = build.resolve("provider.o");
        run(List.of("dtrace", "-h", "-s", d.toString(), "-o", header.toString()));
        run(List.of("dtrace", "-G", "-s", d.toString(), "-o", object.toString()));
        StringBuilder c = new StringBuilder("#include \"provider.h\"\n\nint main(void)\n{\n");
        Matcher m = MACRO.matcher(Files.readString(header));
        int calls = 0;
        while (m.find()) {
            if (m.group(1).endsWith("_ENABLED")) {
                continue;
            }
            long n = Stream.of(m.group(2).split(",")).filter(a -> !a.isBlank()).count();
            c.append("    ").append(m.group(1)).append('(')
                    .append(String.join(", ", java.util.Collections.nCopies((int) n, "0"))).append(");\n");
            calls++;
        }
        c.append("    return 0;\n}\n");
        assertEquals(expectedMarkers, calls, "one marker per enabled event");
        Path main = build.resolve("main.c");
        Files.writeString(main, c);
        Path bin = Files.createDirectories(dir.resolve("bin")).resolve("qemu-system-x86_64");
        run(List.of("gcc", "-o", bin.toString(), main.toString(), object.toString()));
        return bin;
    }

    /** A stap that runs offline in passes 1-2, as stap-oracle runs it: stap -r FAKE-KERNEL ... */
    private Path stapWithFakeKernel() throws IOException {
        Path wrapper = dir.resolve("stap");
        if (!Files.exists(wrapper)) {
            Files.writeString(wrapper, "#!/bin/sh\nunset XDG_DATA_DIRS\nexec stap -r '"
                    + oracle.getParent().resolve("fake-kernel") + "' \"$@\"\n");
            wrapper.toFile().setExecutable(true);
        }
        return wrapper;
    }

    /** stap -p2 on the script, through stap-oracle; the number of probe points it resolved. */
    private static int elaborate(Path tapset, String script) {
        return probes(run(List.of(oracle.toString(), "-p2", "-I", tapset.toString(), "-e", script)));
    }

    /** In stap -p2's listing each resolved probe point is a line process("...").statement(...). */
    private static int probes(String p2Output) {
        return (int) p2Output.lines().filter(l -> l.startsWith("process(")).count();
    }

    private static void generate(String a, String b, String c, String d, List<Path> inputs) {
        generate(new String[] {a, b, c, d}, inputs);
    }

    private static void generate(String a, String b, String c, String d, String e, String f, List<Path> inputs) {
        generate(new String[] {a, b, c, d, e, f}, inputs);
    }

    private static void generate(String[] options, List<Path> inputs) {
        List<String> args = new ArrayList<>(List.of("generate"));
        args.addAll(List.of(options));
        inputs.forEach(p -> args.add(p.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
    }

    private static Path corpus(String source) {
        return Corpora.qemuCorpus().resolve("trace-events").resolve(source).resolve("trace-events");
    }

    private static int enabledEvents(List<Path> inputs) {
        return (int) events(inputs).filter(e -> !e.isDisabled()).count();
    }

    private static int count(List<Path> inputs, String namePrefix) {
        return (int) events(inputs).filter(e -> !e.isDisabled() && e.name().startsWith(namePrefix)).count();
    }

    private static Stream<TraceEvent> events(List<Path> inputs) {
        return inputs.stream().flatMap(p -> {
            try {
                return TraceEventsReader.read(p.toString(), Files.readString(p)).events().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs a tool; fails the test with its output unless it exits 0; returns its standard output. */
    private static String run(List<String> command) {
        try {
            Path out = File.createTempFile("tapls-rt", ".out").toPath();
            Path err = File.createTempFile("tapls-rt", ".err").toPath();
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + ": did not finish in 120 s");
                }
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + read(err));
                return stdout;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
