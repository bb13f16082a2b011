package io.tapls.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of a provider file, one fixture per rule: {@code [[ ]]} marks where each diagnostic is, in order.
 * Where a rule says libvirt's script stops, its own message is quoted (ProviderTapsetOracleIT runs the script).
 */
class ProviderChecksTest {
    private static List<Diagnostic> check(Fixture fx) {
        return ProviderChecks.check(ProviderReader.read("p.d", fx.text()));
    }

    private static void expect(String marked, String... rules) {
        Fixture fx = Fixture.parse(marked);
        List<Diagnostic> ds = check(fx);
        assertEquals(List.of(rules), ds.stream().map(d -> d.rule().id()).toList(), ds.toString());
        assertEquals(fx.ranges().stream().sorted((a, b) -> Integer.compare(a.start(), b.start())).toList(),
                ds.stream().map(Diagnostic::span).toList());
    }

    private static final String HEAD = "provider libvirt {\n# file: a.c\n# prefix: rpc\n";

    @Test
    void theLibvirtStyleFixtureIsClean() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/provider/libvirt_probes.d"));
        assertEquals(List.of(), ProviderChecks.check(ProviderReader.read("libvirt_probes.d", text)));
    }

    @Test
    void duplicateProbesAndProbesWithOneMacro() {
        expect(HEAD + "probe rpc_a(int x);\nprobe [[rpc_a]](int y);\nprobe rpc_b__c(int x);\nprobe [[rpc_b_c]](int x);\n};\n",
                "provider-duplicate-probe", "provider-duplicate-probe");
        Diagnostic d = check(Fixture.parse(HEAD + "probe rpc_a(int x);\nprobe rpc_a(int y);\n};\n")).get(0);
        assertEquals("duplicate probe 'rpc_a' (line 4): dtrace -h defines LIBVIRT_RPC_A twice", d.message());
    }

    @Test
    void probesAndCommentsBeforeAnyFileComment() {
        expect("provider libvirt {\n[[# prefix: rpc]]\nprobe [[rpc_a]](int x);\n# file: a.c\n};\n",
                "provider-probe-outside-file", "provider-probe-outside-file");
    }

    @Test
    void aGroupWithProbesNeedsAPrefix() {
        expect("provider libvirt {\n# file: [[a.c]]\nprobe rpc_a(int x);\n# file: b.c\n};\n",
                "provider-missing-prefix");
        // a group of the same path later takes its place: the script never sees the first one's probes
        expect("provider libvirt {\n# file: a.c\nprobe rpc_a(int x);\n# file: [[a.c]]\n# prefix: rpc\n};\n",
                "provider-duplicate-file");
    }

    @Test
    void namesOutsideTheirGroupsPrefix() {
        expect(HEAD + "probe [[qemu_a]](int x);\nprobe [[rpc_b_rpc_c]](int x);\n};\n", "provider-name-prefix",
                "provider-name-prefix");
        List<Diagnostic> ds = check(Fixture.parse(HEAD + "probe rpc_b_rpc_c(int x);\n};\n"));
        assertTrue(ds.get(0).message().endsWith("the alias is 'libvirt.rpc.b_libvirt.rpc.c'"), ds.toString());
    }

    @Test
    void argumentsWithoutNames() {
        expect(HEAD + "probe rpc_a([[intx]]);\nprobe [[rpc_b]]();\nprobe rpc_c(int x, [[int]]);\n"
                + "probe rpc_d([[char **argv]]);\nprobe rpc_e(int [[next]]);\n};\n",
                "provider-malformed-argument", "provider-malformed-argument", "provider-argument-without-name",
                "provider-argument-without-name", "provider-stap-keyword-argument");
        Diagnostic d = check(Fixture.parse(HEAD + "probe rpc_a(intx);\n};\n")).get(0);
        assertTrue(d.message().startsWith("Malformed arg intx"), d.message());
    }

    @Test
    void probesTheScriptDropsOrMisreads() {
        expect(HEAD + "probe [[rpc_a]](int x\nprobe [[rpc_b]](int y); /* z */\nint z);\n};\n",
                "provider-unclosed-probe", "provider-unclosed-probe");
        expect(HEAD + "[[not a probe]]\n};\n", "provider-syntax");
        expect("# file: a.c\n# prefix: rpc\nprobe [[rpc_a]](int x);\n", "provider-declaration");
    }

    @Test
    void linesSystemtapsDtraceMisreadsLineByLine() {
        expect(HEAD + "[[# the probe below fires]]\nprobe [[rpc_provider_new]](long long x);\n"
                + "[[# one provider]]\n};\n", "provider-dtrace-line-parser", "provider-dtrace-line-parser",
                "provider-dtrace-line-parser");
    }
}
