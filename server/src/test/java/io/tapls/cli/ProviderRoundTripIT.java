package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.provider.RandomProviderFiles;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider file's round trip through the real tools: {@code dtrace -h} and {@code dtrace -G} on it, a C
 * program firing every probe through the macros dtrace -h defines, built (gcc) as each program and library the
 * tapset names ({@code LIBDIR/libvirt.so}, {@code SBINDIR/<binary>}, {@code LIBDIR/<module>}), the tapset
 * {@code tapls generate --format provider-stap} writes for those directories, and {@code stap -p2} (offline,
 * stap-oracle's fake kernel tree) elaborating {@code probe libvirt.rpc.* {}}: exit 0, one probe point per
 * alias. Needs systemtap, systemtap-sdt-dev and gcc: skipped visibly without them, failed under CI=true.
 */
class ProviderRoundTripIT {
    private static final Pattern MACRO = Pattern.compile("^#define (\\w+)\\(([^)]*)\\) \\\\$", Pattern.MULTILINE);
    private static final Pattern BINARY = Pattern.compile("process\\(\"([^\"]+)\"\\)");
    private static final Pattern ALIAS = Pattern.compile("^probe (\\S+) = ", Pattern.MULTILINE);

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

    @Test
    void theLibvirtStyleFixtureElaborates() throws Exception {
        Path d = Files.copy(Corpora.repo().resolve("server/src/test/resources/provider/libvirt_probes.d"),
                dir.resolve("libvirt_probes.d"));
        String tapset = roundTrip(d, 21);
        List<String> rpc = aliases(tapset, "libvirt.rpc.");
        assertEquals(10, rpc.size(), rpc.toString());
        assertEquals(rpc.size(), elaborateEmpty("probe libvirt.rpc.* {}"));
        assertEquals(21, elaborateEmpty("probe libvirt.*.* {}"));
        // the variables have the types the index gives them: a string for a const char *, a long for an int
        String listing = run(List.of(oracle.toString(), "-p2", "-I", dir.resolve("tapset").toString(), "-e",
                "probe libvirt.qemu.monitor_send_msg { printf(\"%s %d %p\\n\", msg, fd, mon) }"));
        assertTrue(listing.contains("  mon:long\n  msg:string\n  fd:long\n"), listing);
        assertTrue(listing.contains("process(\"" + dir.resolve("lib/libvirt/connection-driver/libvirt_driver_qemu.so")
                + "\")"), listing);
        // -L lists each alias with its variables, as tapls' index has them (ProviderFilesIT)
        String vars = run(List.of(oracle.toString(), "--raw", "-L", "libvirt.rpc.server_client_auth_allow", "-I",
                dir.resolve("tapset").toString()));
        assertTrue(vars.contains("libvirt.rpc.server_client_auth_allow client:long authtype:long identity:string"),
                vars);
    }

    /** Provider files generated at random (well formed: libvirt's script and tapls' strict checks accept them). */
    @ParameterizedTest
    @ValueSource(longs = {7, 21, 2024})
    void randomProviderFilesElaborate(long seed) throws Exception {
        Path d = dir.resolve("random.d");
        Files.writeString(d, new RandomProviderFiles(seed, 0).next());
        String tapset = roundTrip(d, -1);
        List<String> all = aliases(tapset, "");
        Set<String> words = new LinkedHashSet<>();
        for (String a : all) {
            words.add(a.substring(0, a.lastIndexOf('.')));
        }
        int elaborated = 0;
        for (String w : words) {
            elaborated += elaborateEmpty("probe " + w + ".* {}");
        }
        assertEquals(all.size(), elaborated, tapset);
    }

    /**
     * dtrace -h/-G, the firing program built as every binary the tapset names, the tapset: returns its text.
     * {@code expectedMarkers}: how many macros dtrace -h defines (-1: do not check).
     */
    private String roundTrip(Path d, int expectedMarkers) throws Exception {
        Path build = Files.createDirectories(dir.resolve("build"));
        Path header = build.resolve("probes.h");
        Path object = build.resolve("probes.o");
        run(List.of("dtrace", "-h", "-s", d.toString(), "-o", header.toString()));
        run(List.of("dtrace", "-G", "-s", d.toString(), "-o", object.toString()), build);
        StringBuilder c = new StringBuilder("#include \"probes.h\"\n\nint main(void)\n{\n");
        Matcher m = MACRO.matcher(Files.readString(header));
        int calls = 0;
        while (m.find()) {
            long n = Stream.of(m.group(2).split(",")).filter(a -> !a.isBlank()).count();
            c.append("    ").append(m.group(1)).append('(').append(String.join(", ", Collections.nCopies((int) n,
                    "0"))).append(");\n");
            calls++;
        }
        c.append("    return 0;\n}\n");
        if (expectedMarkers >= 0) {
            assertEquals(expectedMarkers, calls, "one macro per probe");
        }
        Path main = build.resolve("main.c");
        Files.writeString(main, c);
        Path sbin = dir.resolve("sbin");
        Path lib = dir.resolve("lib");
        Path out = Files.createDirectories(dir.resolve("tapset")).resolve("probes.stp");
        Cli.Result r = Cli.run("generate", "--format", "provider-stap", "--bindir", dir.resolve("bin").toString(),
                "--sbindir", sbin.toString(), "--libdir", lib.toString(), d.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String tapset = Files.readString(out);
        Set<String> binaries = new LinkedHashSet<>();
        Matcher b = BINARY.matcher(tapset);
        while (b.find()) {
            binaries.add(b.group(1));
        }
        assertTrue(!binaries.isEmpty(), tapset);
        for (String binary : binaries) {
            Path target = Path.of(binary);
            Files.createDirectories(target.getParent());
            List<String> gcc = new ArrayList<>(List.of("gcc"));
            if (binary.endsWith(".so")) {
                gcc.addAll(List.of("-shared", "-fPIC"));
            }
            gcc.addAll(List.of("-o", binary, main.toString(), object.toString()));
            run(gcc);
        }
        return tapset;
    }

    private static List<String> aliases(String tapset, String prefix) {
        List<String> out = new ArrayList<>();
        Matcher m = ALIAS.matcher(tapset);
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * stap -p2 -u on a script with empty probe bodies (unoptimized: a body that does nothing is otherwise elided,
     * and with it every probe): the number of probe points it resolved.
     */
    private int elaborateEmpty(String script) {
        String out = run(List.of(oracle.toString(), "--raw", "-p2", "-u", "-I", dir.resolve("tapset").toString(),
                "-e", script));
        return (int) out.lines().filter(l -> l.startsWith("process(")).count();
    }

    private static String run(List<String> command) {
        return run(command, null);
    }

    /** Runs a tool; fails the test with its output unless it exits 0; returns its standard output. */
    private static String run(List<String> command, Path workingDirectory) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile()); // dtrace -G writes its temporary files here
        }
        Cli.Result r = Cli.run(pb, 180);
        assertEquals(0, r.exitCode(), () -> String.join(" ", command) + "\n" + r.stderr() + r.stdout());
        return r.stdout();
    }
}
