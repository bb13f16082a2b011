package io.tapls.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.stap.TapsetPath;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's disk cache across processes: a later CLI run reads what an earlier one stored, to the same effect. */
class IndexDiskCacheIT {
    @TempDir
    Path tmp;

    @Test
    void aNewProcessChecksAScriptFromTheCacheWithTheSameOutput() throws IOException {
        Path script = Corpora.repo().resolve("samples/stap/qio-tasks.stp");
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        Path cache = tmp.resolve("cli-cache");
        Cli.Result first = check(cache, script);
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().endsWith(".bin")).count(), "the CLI stored it");
        }
        Cli.Result second = check(cache, script);
        assertEquals(first, second);
        // A cache that cannot be written changes nothing either: no message, the same verdict.
        Path notADir = Files.writeString(tmp.resolve("a-file"), "");
        assertEquals(first, check(notADir, script));
        assertEquals(first, check(Path.of("off"), script));
    }

    private static Cli.Result check(Path cache, Path script) {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xss4m", "-jar", Cli.jar().toString(), "check", script.toString());
        pb.environment().put(IndexDiskCache.DIR_ENV, cache.toString());
        pb.environment().remove("CI");
        return Cli.run(pb, 120);
    }

}
