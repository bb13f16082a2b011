package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole corpus in one tapls process: 97 files x 4 formats with --per-file into a directory laid out like
 * ../shared/corpus/qemu/expected, every one of the 388 files byte-identical (the benchmark's command).
 */
class GenerateCorpusCliIT {
    @TempDir
    Path out;

    @Test
    void all388OutputsInOneRunAreByteIdentical() throws IOException {
        Path corpus = Corpora.qemuCorpus();
        Cli.Result r = Cli.run("generate", "--per-file", "--format", "stap,log-stap,simpletrace-stap,d",
                "--binary", "/usr/bin/qemu-system-x86_64", "--probe-prefix", "qemu.system.x86_64",
                "--output-dir", out.toString(), corpus.resolve("trace-events").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stdout() + r.stderr());
        List<Path> expected = files(corpus.resolve("expected"));
        assertEquals(388, expected.size());
        assertEquals(expected.stream().map(p -> corpus.resolve("expected").relativize(p)).toList(),
                files(out).stream().map(out::relativize).toList());
        for (Path e : expected) {
            Path got = out.resolve(corpus.resolve("expected").relativize(e).toString());
            assertArrayEquals(Files.readAllBytes(e), Files.readAllBytes(got), got.toString());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
