package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a short run must not pay for. A record's generated equals/hashCode links through
 * java.lang.runtime.ObjectMethods on its first call, which spins method-handle classes that no class-data-sharing
 * archive keeps: about 35 ms of a cold `tapls check` for the first record compared or hashed, a few more for each
 * other. The JVM's own linkage trace (java.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE) names every such
 * bootstrap; a check of trace-events files (with C files beside them, for the unused-event scope), of scripts
 * against the tapset library, and a check with quick fixes attached, must show none.
 */
class StartupIT {
    private static final Pattern BOOTSTRAP = Pattern.compile(
            "linkCallSite (\\S+) java\\.lang\\.runtime\\.ObjectMethods\\.bootstrap.*?invokeStatic (\\w+)\\(");

    @TempDir
    Path dir;

    private static TreeSet<String> recordMethodsLinked(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true", "-jar", Cli.jar().toString()));
        command.addAll(List.of(args));
        Cli.Result r = Cli.run(new ProcessBuilder(command), 120);
        TreeSet<String> linked = new TreeSet<>();
        Matcher m = BOOTSTRAP.matcher(r.stdout());
        while (m.find()) {
            linked.add(m.group(1) + "." + m.group(2));
        }
        return linked;
    }

    @Test
    void aCheckLinksNoRecordsGeneratedEqualsOrHashCode() throws Exception {
        Path events = dir.resolve("hw/trace-events");
        Files.createDirectories(events.getParent());
        Files.writeString(events, "dev_read(uint64_t addr, size_t n) \"addr=0x%x n=%d\"\n"
                + "dev_write(uint64_t addr) \"addr=%\" PRIx64 \n");
        Files.writeString(dir.resolve("hw/dev.c"), "void f(void) { trace_dev_read(0, 1); }\n");
        Path samples = Corpora.repo().resolve("samples");
        assertEquals(new TreeSet<>(), recordMethodsLinked("check", events.toString(), samples.toString()));
        Path library = Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        assertTrue(Files.isDirectory(library));
        assertEquals(new TreeSet<>(), recordMethodsLinked("check", samples.resolve("stap").toString()));
    }

    /**
     * No class a short run loads is checked by the JVM's old, type-inferring verifier: picocli's Java 5 class
     * files are rewritten as Java 8 ones at build time (server/build/UpgradeClassFiles.java), which the
     * class-data-sharing archive keeps verified; left as they are, they cost 50 ms a run.
     */
    @Test
    void noClassOfARunIsVerifiedTheOldWay() {
        Path samples = Corpora.repo().resolve("samples");
        Path jsa = Path.of(Cli.jar() + ".jsa");
        assertTrue(Files.isRegularFile(jsa), "the class-data-sharing archive is built beside the jar: " + jsa);
        for (List<String> args : List.of(List.of("check", samples.toString()), List.of("--help"))) {
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:SharedArchiveFile=" + jsa, "-Xlog:verification=info", "-jar", Cli.jar().toString()));
            command.addAll(args);
            Cli.Result r = Cli.run(new ProcessBuilder(command), 120);
            assertTrue(r.stdout().contains("[verification]"), "the JVM's verification log is on: " + r.stdout());
            List<String> old = r.stdout().lines().filter(l -> l.contains("Verifying class") && l.contains("old format"))
                    .toList();
            assertEquals(List.of(), old, "tapls " + String.join(" ", args));
        }
    }
}
