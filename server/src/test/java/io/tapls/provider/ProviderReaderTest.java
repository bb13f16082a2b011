package io.tapls.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Fixture;
import io.tapls.text.Span;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The model of a provider file, read as libvirt's dtrace2systemtap.py reads it: groups and their comments,
 * probes with the spans of their names and arguments (over several lines too), the names dtrace -h gives them.
 * Markers: {@code [[ ]]} around what a span must cover.
 */
class ProviderReaderTest {
    private static ProviderFile read(String text) {
        return ProviderReader.read("libvirt_probes.d", text);
    }

    @Test
    void groupsCollectTheirCommentsAndProbes() {
        Fixture fx = Fixture.parse("provider [[libvirt]] {\n"
                + "\t# file: [[src/rpc/virnetserverclient.c]]\n"
                + "\t# prefix: [[rpc]]\n"
                + "\t# binary: [[virtqemud]]\n"
                + "\tprobe [[rpc_server_client_new]](void *client, void *sock);\n"
                + "\n"
                + "        #file:src/qemu/qemu_monitor.c\n"
                + "        #  module:\t[[libvirt/connection-driver/libvirt_driver_qemu.so]]\n"
                + "};\n");
        ProviderFile f = read(fx.text());
        assertEquals(List.of(), f.problems());
        assertEquals("libvirt", f.providers().get(0).name());
        assertEquals(fx.ranges().get(0), f.providers().get(0).nameSpan());
        assertEquals(2, f.groups().size());
        ProbeGroup rpc = f.groups().get(0);
        assertEquals("src/rpc/virnetserverclient.c", rpc.file());
        assertEquals(fx.ranges().get(1), rpc.fileSpan());
        assertEquals("rpc", rpc.prefix());
        assertEquals(fx.ranges().get(2), rpc.prefixSpan());
        assertEquals("virtqemud", rpc.binary());
        assertEquals(fx.ranges().get(3), rpc.binarySpan());
        assertNull(rpc.module());
        ProbeGroup qemu = f.groups().get(1);
        assertNull(qemu.prefix());
        assertEquals("libvirt/connection-driver/libvirt_driver_qemu.so", qemu.module());
        assertEquals(fx.ranges().get(5), qemu.moduleSpan());
        ProviderProbe p = f.probes().get(0);
        assertEquals(fx.ranges().get(4), p.nameSpan());
        assertEquals(0, p.group());
        assertEquals(List.of(p), f.probesOf(0));
        assertEquals(List.of(), f.probesOf(1));
        assertEquals("libvirt", p.provider());
        assertEquals("LIBVIRT_RPC_SERVER_CLIENT_NEW", p.macroName());
        assertEquals("LIBVIRT_RPC_SERVER_CLIENT_NEW_ENABLED", p.enabledMacroName());
        assertEquals(1, f.closings().size());
    }

    @Test
    void argumentsOverSeveralLinesKeepTheirPlaces() {
        Fixture fx = Fixture.parse("provider libvirt {\n# file: a.c\n# prefix: rpc\n"
                + "probe rpc_msg([[void *[[client]]]],\n"
                + "\t\t[[const char *[[msg]]]], [[int\t[[len]]]]);\n};\n");
        ProviderProbe p = read(fx.text()).probes().get(0);
        assertTrue(p.closed());
        // the lines stripped and joined with nothing between them, as the script joins them
        assertEquals("void *client,const char *msg, int\tlen", p.argsText());
        assertEquals(3, p.args().size());
        ProbeArg client = p.args().get(0);
        assertEquals("void *client", client.declaration());
        assertEquals("void *", client.type());
        assertEquals("client", client.name());
        assertFalse(client.string());
        ProbeArg msg = p.args().get(1);
        assertEquals("const char *", msg.type());
        assertTrue(msg.string());
        assertEquals(" int\tlen", p.args().get(2).raw());
        // ranges close inner first: client's name, client, msg's name, msg, len's name, len
        List<Span> r = fx.ranges();
        assertEquals(r.get(0), client.nameSpan());
        assertEquals(r.get(1), client.span());
        assertEquals(r.get(2), msg.nameSpan());
        assertEquals(r.get(3), msg.span());
        assertEquals(r.get(4), p.args().get(2).nameSpan());
        assertEquals(r.get(5), p.args().get(2).span());
        assertEquals(p, read(fx.text()).probeAt(fx.text().indexOf("const")));
    }

    @Test
    void whatTheScriptReadsSoIsTheModel() {
        // an argument the script finds no name in; '**' leaves a '*' in the name; a probe that never closes is
        // dropped by the next; a line holding '};' or 'provider ' and '{' is skipped whatever else it holds
        ProviderFile f = read("provider libvirt {\n# file: a.c\n# prefix: rpc\n"
                + "probe rpc_a(int, char **argv);\n"
                + "probe rpc_b(int x\n"
                + "probe rpc_c(int y); /* c */\n"
                + "int z);\n"
                + "probe rpc_d(int q); };\n");
        List<ProviderProbe> ps = f.probes();
        assertEquals(List.of("rpc_a", "rpc_b", "rpc_c"), ps.stream().map(ProviderProbe::name).toList());
        assertNull(ps.get(0).args().get(0).name());
        assertEquals("*argv", ps.get(0).args().get(1).name());
        assertFalse(ps.get(1).closed());
        assertTrue(ps.get(2).closed());
        assertEquals("int y); /* c */int z", ps.get(2).argsText());
        assertEquals(List.of(), f.problems());
        assertEquals(1, f.closings().size(), "the probe rpc_d line is read as the provider's end");
    }

    @Test
    void whereTheScriptStopsIsAProblem() {
        Fixture fx = Fixture.parse("[[# prefix: rpc]]\nprovider libvirt {\n"
                + "probe [[rpc_a]](int x);\n"
                + "[[probe rpc_b (int x);]]\n"
                + "# file: a.c\n"
                + "[[garbage here]]\n};\n");
        ProviderFile f = read(fx.text());
        assertEquals(List.of(ProviderRules.OUTSIDE_FILE, ProviderRules.OUTSIDE_FILE, ProviderRules.SYNTAX,
                ProviderRules.SYNTAX), f.problems().stream().map(d -> d.rule()).toList());
        assertEquals(fx.ranges(), f.problems().stream().map(d -> d.span()).toList());
        assertEquals("unexpected data probe rpc_b (int x); on line 4", f.problems().get(2).message());
        assertEquals("unexpected data garbage here on line 6", f.problems().get(3).message());
    }

    @Test
    void crlfAndLoneCarriageReturnsEndLinesAsInPython() {
        ProviderFile f = read("provider libvirt {\r\n# file: a.c\r# prefix: rpc\r\nprobe rpc_a(int x,\r\n int y);\r\n};");
        assertEquals("rpc", f.groups().get(0).prefix());
        assertEquals("int x,int y", f.probes().get(0).argsText());
    }

    @Test
    void aProviderFileIsToldFromADProgramAndADTraceScript() {
        assertTrue(ProviderReader.declaresProvider("/* probes */\nprovider libvirt {\n\tprobe a(int x);\n};\n"));
        assertTrue(ProviderReader.declaresProvider("# file: a.c\n\tprobe rpc_a(int x);\n"));
        assertFalse(ProviderReader.declaresProvider("module app;\nimport std.stdio;\nvoid main() {"
                + " writeln(\"provider x {\"); }\n"));
        assertFalse(ProviderReader.declaresProvider("#!/usr/sbin/dtrace -s\nsyscall::open:entry\n{\n"
                + "  printf(\"%s\", copyinstr(arg0));\n}\n"));
        assertFalse(ProviderReader.declaresProvider("/*\nprovider libvirt {\n*/\n"));
        assertFalse(ProviderReader.declaresProvider(""));
    }

    /** Whatever the text, reading returns a model whose spans lie within it. */
    @Test
    void readingNeverFails() {
        Random random = new Random(42);
        String alphabet = "provider probe # file: prefix: binary: module: ( ) ; }; { , * char int \n\r\t x_y ";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                b.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            ProviderFile f = read(text);
            for (ProviderProbe p : f.probes()) {
                within(p.span(), text);
                within(p.nameSpan(), text);
                for (ProbeArg a : p.args()) {
                    within(a.span(), text);
                    if (a.nameSpan() != null) {
                        within(a.nameSpan(), text);
                    }
                }
            }
            ProviderChecks.check(f).forEach(d -> within(d.span(), text));
            ProviderTapset.generate(f, ProviderTapset.Options.defaults());
            ProviderTapset.aliases(f, ProviderTapset.Options.defaults());
        }
    }

    private static void within(Span s, String text) {
        assertTrue(s.end() <= text.length(), s + " beyond " + text.length());
    }
}
