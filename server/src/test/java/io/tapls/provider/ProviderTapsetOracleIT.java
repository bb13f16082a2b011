package io.tapls.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.generation.Generation;
import io.tapls.generation.ProviderGeneration;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tapls generate --format provider-stap} against libvirt's own scripts/dtrace2systemtap.py (the oracle,
 * ../shared/tools/libvirt): the same bytes on a provider file in libvirt's style and on provider files generated
 * at random; where the script raises, tapls refuses. Needs python3.
 */
class ProviderTapsetOracleIT {
    private static final String[] DIRS = {"/usr/bin", "/usr/sbin", "/usr/lib/x86_64-linux-gnu"};
    static Path script;

    @TempDir
    Path dir;

    @BeforeAll
    static void oracle() {
        script = Corpora.require(Corpora.shared().resolve("tools/libvirt/dtrace2systemtap.py"),
                "libvirt's dtrace2systemtap.py");
        Corpora.require(Path.of("/usr/bin/python3"), "python3");
    }

    static Path fixture() {
        return Corpora.repo().resolve("server/src/test/resources/provider/libvirt_probes.d");
    }

    /** The script's exit status and output on a file. */
    private static Cli.Result libvirt(Path file, String... dirs) {
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), dirs[0], dirs[1], dirs[2],
                file.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        return Cli.run(pb, 60);
    }

    @Test
    void theLibvirtStyleFixtureGivesTheScriptsTapsetThroughTheCli() throws Exception {
        Cli.Result expected = libvirt(fixture(), DIRS);
        assertEquals(0, expected.exitCode(), expected.stderr());
        // the expectation kept beside the fixture is the script's output
        assertEquals(expected.stdout(), Files.readString(fixture().resolveSibling("libvirt_probes.stp")));
        Path out = dir.resolve("libvirt_probes.stp");
        Cli.Result r = Cli.run("generate", "--format", "provider-stap", "--bindir", DIRS[0], "--sbindir", DIRS[1],
                "--libdir", DIRS[2], fixture().toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals(expected.stdout(), Files.readString(out));
        // to standard output as well; and again over the file it wrote, which it recognises as its own
        Cli.Result stdout = Cli.run("generate", "--format", "provider-stap", "--bindir", DIRS[0], "--sbindir",
                DIRS[1], "--libdir", DIRS[2], fixture().toString());
        assertEquals(expected.stdout(), stdout.stdout());
        Cli.Result again = Cli.run("generate", "--format", "provider-stap", "--bindir", DIRS[0], "--sbindir",
                DIRS[1], "--libdir", DIRS[2], fixture().toString(), "-o", out.toString());
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(expected.stdout().contains("probe libvirt.rpc.server_client_msg_tx_queue = process(\"/usr/sbin"
                + "/virtqemud\").mark(\"rpc_server_client_msg_tx_queue\") {\n  client = $arg1;\n  len = $arg2;"),
                "the fixture has a multi-line probe in a # binary: group");
        assertTrue(expected.stdout().contains("  msg = user_string($arg2);"), "and const char * arguments");
    }

    @Test
    void theFirstWordOfTheAliasesIsAnOption() throws Exception {
        Cli.Result expected = libvirt(fixture(), DIRS);
        Cli.Result r = Cli.run("generate", "--format", "provider-stap", "--probe-prefix", "myproj", "--sbindir",
                DIRS[1], "--libdir", DIRS[2], fixture().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(expected.stdout().replace("probe libvirt.", "probe myproj."), r.stdout());
        assertNotEquals(expected.stdout(), r.stdout());
    }

    @Test
    void aFileOfSomeoneElseIsNotOverwritten() throws Exception {
        Path out = dir.resolve("mine.stp");
        Files.writeString(out, "probe begin { println(1) }\n");
        Cli.Result r = Cli.run("generate", "--format", "provider-stap", fixture().toString(), "-o", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("is not a tapset generated from a provider file"), r.stderr());
        assertEquals("probe begin { println(1) }\n", Files.readString(out));
    }

    @Test
    void whereTheScriptStopsTapslsRefusesAndSaysWhere() throws Exception {
        Path d = dir.resolve("bad.d");
        Files.writeString(d, "provider libvirt {\n\t# file: a.c\n\t# prefix: rpc\n\tprobe rpc_a(int x, int);\n"
                + "\tprobe rpc_b(intx);\n};\n");
        Cli.Result oracle = libvirt(d, DIRS);
        assertNotEquals(0, oracle.exitCode());
        assertTrue(oracle.stderr().contains("Malformed arg intx"), oracle.stderr());
        Cli.Result r = Cli.run("generate", "--format", "provider-stap", "--allow-build-errors", d.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(d + ":5:14: error: Malformed arg intx"), r.stderr());
        assertTrue(r.stderr().contains("[provider-malformed-argument]"), r.stderr());
        // without --allow-build-errors the unnamed 'int' (the script binds 'int = $arg2') stops it too
        Cli.Result strict = Cli.run("generate", "--format", "provider-stap", d.toString());
        assertEquals(1, strict.exitCode(), strict.stderr());
        assertTrue(strict.stderr().contains(d + ":4:21: error: argument 'int' has no name"), strict.stderr());
    }

    /**
     * The script run on many files in one python3 process (runpy, with its own argv each time), for speed:
     * each file's exit status (0, or 1 when it raised), standard output and error.
     */
    private static List<Cli.Result> libvirtOnEach(List<Path> files, List<String[]> dirs, Path work) throws Exception {
        Path list = work.resolve("runs.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            b.append(String.join("\t", dirs.get(i))).append('\t').append(files.get(i)).append('\n');
        }
        Files.writeString(list, b);
        String driver = String.join("\n",
                "import io, json, runpy, sys, traceback",
                "script, runs = sys.argv[1], sys.argv[2]",
                "out = []",
                "for line in open(runs, encoding='utf-8').read().splitlines():",
                "    sys.argv = [script] + line.split('\\t')",
                "    buf, err, rc = io.StringIO(), '', 0",
                "    saved, sys.stdout = sys.stdout, buf",
                "    try:",
                "        runpy.run_path(script, run_name='__main__')",
                "    except Exception:",
                "        rc, err = 1, traceback.format_exc()",
                "    finally:",
                "        sys.stdout = saved",
                "    out.append([rc, buf.getvalue(), err])",
                "json.dump(out, open(runs + '.json', 'w', encoding='utf-8'))", "");
        ProcessBuilder pb = new ProcessBuilder("python3", "-c", driver, script.toString(), list.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Cli.Result r = Cli.run(pb, 300);
        assertEquals(0, r.exitCode(), r.stderr());
        com.google.gson.JsonArray all = com.google.gson.JsonParser.parseString(
                Files.readString(work.resolve("runs.txt.json"))).getAsJsonArray();
        List<Cli.Result> out = new java.util.ArrayList<>();
        for (com.google.gson.JsonElement e : all) {
            com.google.gson.JsonArray a = e.getAsJsonArray();
            out.add(new Cli.Result(a.get(0).getAsInt(), a.get(1).getAsString(), a.get(2).getAsString()));
        }
        assertEquals(files.size(), out.size());
        return out;
    }

    @Test
    void randomProviderFilesGiveTheScriptsTapsetOrARefusal() throws Exception {
        int same = 0;
        int refused = 0;
        int count = 1000;
        List<Path> files = new java.util.ArrayList<>();
        List<String[]> dirs = new java.util.ArrayList<>();
        for (long seed = 0; seed < count; seed++) {
            Path d = dir.resolve("p" + seed + ".d");
            Files.writeString(d, new RandomProviderFiles(seed, 2).next());
            files.add(d);
            dirs.add(seed % 3 == 0 ? DIRS : new String[] {"/b" + seed, "/opt/sbin " + seed, "/l/" + seed});
        }
        List<Cli.Result> results = libvirtOnEach(files, dirs, dir);
        for (int i = 0; i < count; i++) {
            Path d = files.get(i);
            String[] ds = dirs.get(i);
            Cli.Result oracle = results.get(i);
            Generation.Generated ours = ProviderGeneration.generate(d, d.toString(), null,
                    new ProviderTapset.Options("libvirt", ds[0], ds[1], ds[2]), true);
            String where = "seed " + i + ":\n" + Files.readString(d) + "\n--- script: " + oracle.exitCode() + "\n"
                    + oracle.stderr();
            if (oracle.exitCode() == 0) {
                assertTrue(ours.stop() == null, () -> where + "\n--- tapls refused: " + ours.stop());
                assertEquals(oracle.stdout(), new String(ours.outputs().get(0).bytes(), StandardCharsets.UTF_8),
                        where);
                same++;
            } else {
                assertTrue(ours.stop() instanceof Generation.Stop.Refused, () -> where + "\n--- tapls generated");
                refused++;
            }
        }
        assertTrue(same > 350 && refused > 250, same + " identical, " + refused + " refused by both");
    }

    @Test
    void wellFormedRandomFilesAreGeneratedWithoutAllowingErrorsThroughTheCli() throws Exception {
        for (long seed = 1000; seed < 1012; seed++) {
            Path d = dir.resolve("w" + seed + ".d");
            Files.writeString(d, new RandomProviderFiles(seed, 0).next());
            Cli.Result oracle = libvirt(d, DIRS);
            assertEquals(0, oracle.exitCode(), oracle.stderr());
            Cli.Result r = Cli.run("generate", "--format", "provider-stap", "--bindir", DIRS[0], "--sbindir",
                    DIRS[1], "--libdir", DIRS[2], d.toString());
            assertEquals(0, r.exitCode(), () -> Files.exists(d) + r.stderr());
            assertEquals(oracle.stdout(), r.stdout(), "seed " + seed);
        }
    }

    @Test
    void generatedFilesAreVaried() {
        List<String> some = List.of(new RandomProviderFiles(1, 12).next(), new RandomProviderFiles(2, 12).next());
        assertNotEquals(some.get(0), some.get(1));
    }
}
