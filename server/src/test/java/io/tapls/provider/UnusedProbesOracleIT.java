package io.tapls.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.CallSiteTree;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * provider-unused-probe against the build: a probe is unused when deleting its declaration leaves every C file
 * of its scope (the provider file's directory and below) compiling against the header {@code dtrace -h} makes
 * of the file. For each probe of the fixture's src/libvirt_probes.d, its declaration is deleted (from its
 * {@code probe} line to the line ending in {@code );}), dtrace -h run, and each C file under src/ compiled by gcc
 * with that header; tapls must warn of exactly the probes whose deletion builds. Then tapls's own quick fixes,
 * applied all at once, must leave a file dtrace -h reads and the C files build against.
 */
class UnusedProbesOracleIT {
    private static final Pattern PROBE = Pattern.compile("^\\s*probe\\s+(\\w+)\\(");

    @TempDir
    Path dir;

    @Test
    void tapslWarnsOfExactlyTheProbesWhoseDeletionStillBuilds() throws Exception {
        Corpora.require(Path.of("/usr/bin/dtrace"), "systemtap-sdt-dev's dtrace");
        Corpora.require(Path.of("/usr/bin/gcc"), "gcc");
        CallSiteTree.copy(CallSiteTree.PROVIDER_TREE, dir);
        Path provider = dir.resolve("src/libvirt_probes.d");
        List<String> lines = Files.readAllLines(provider);
        assertEquals("", build(String.join("\n", lines) + "\n"), "the fixture builds as it is");

        TreeSet<String> deletable = new TreeSet<>();
        int probes = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PROBE.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            probes++;
            int last = i;
            while (!lines.get(last).strip().endsWith(");")) {
                last++;
            }
            List<String> without = new ArrayList<>(lines.subList(0, i));
            without.addAll(lines.subList(last + 1, lines.size()));
            if (build(String.join("\n", without) + "\n").isEmpty()) {
                deletable.add(m.group(1));
            }
        }
        assertEquals(9, probes);

        JsonObject json = JsonParser.parseString(Cli.runIn(dir, "check", "--format", "json", "src/libvirt_probes.d")
                .stdout()).getAsJsonObject();
        TreeSet<String> warned = new TreeSet<>();
        StringBuilder fixed = new StringBuilder(Files.readString(provider));
        List<int[]> edits = new ArrayList<>();
        for (JsonElement d : json.getAsJsonArray("files").get(0).getAsJsonObject().getAsJsonArray("diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            if (o.get("rule").getAsString().equals("provider-unused-probe")) {
                String m = o.get("message").getAsString();
                warned.add(m.substring(m.indexOf('\'') + 1, m.indexOf('\'', m.indexOf('\'') + 1)));
                JsonObject range = o.getAsJsonArray("fixes").get(0).getAsJsonObject().getAsJsonArray("edits").get(0)
                        .getAsJsonObject().getAsJsonObject("range");
                edits.add(new int[] {range.getAsJsonObject("start").get("offset").getAsInt(),
                        range.getAsJsonObject("end").get("offset").getAsInt()});
            }
        }
        assertEquals(deletable, warned);
        assertEquals(List.of("rpc_client_comment", "rpc_client_elsewhere", "rpc_client_gone", "rpc_client_string"),
                List.copyOf(warned), "the fixture has a probe of each kind");

        edits.sort((a, b) -> b[0] - a[0]); // from the end: the offsets before stay good
        for (int[] e : edits) {
            fixed.delete(e[0], e[1]);
        }
        assertEquals("", build(fixed.toString()), "after the quick fixes:\n" + fixed);
        Files.writeString(provider, fixed.toString());
        assertEquals("", Cli.runIn(dir, "check", "src/libvirt_probes.d").stdout());
    }

    /** dtrace -h on this provider text, then gcc on each C file under src/: their errors, or "". */
    private String build(String providerText) throws IOException, InterruptedException {
        Path d = dir.resolve("build/probes.d");
        Path header = dir.resolve("build/probes.h");
        Files.createDirectories(d.getParent());
        Files.writeString(d, providerText);
        String errors = run(List.of("dtrace", "-h", "-s", d.toString(), "-o", header.toString()));
        if (!errors.isEmpty()) {
            return errors;
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
            for (Path c : files.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                out.append(run(List.of("gcc", "-fsyntax-only", "-Werror=implicit-function-declaration", "-include",
                        header.toString(), c.toString())));
            }
        }
        return out.toString();
    }

    /** The command's output when it fails, else "". */
    private String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out: " + command;
        }
        return p.exitValue() == 0 ? "" : String.join(" ", command) + ":\n" + out;
    }
}
