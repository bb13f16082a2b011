package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The command line registers only the subcommand its arguments name (cli/Main), and answers --version before
 * picocli is loaded: what users see must be what picocli shows with every command registered.
 */
class MainIT {
    @Test
    void theVersionAnsweredWithoutPicocliIsWhatPicocliPrints() {
        String picocli = inProcess("--version");
        assertTrue(picocli.matches("tapls \\S+\\n"), picocli);
        for (String flag : new String[] {"--version", "-V"}) {
            Cli.Result r = Cli.run(flag);
            assertEquals(0, r.exitCode());
            assertEquals(picocli, r.stdout());
            assertEquals("", r.stderr());
        }
        // With anything else on the line picocli decides, as before: here, usage.
        assertTrue(Cli.run("--version", "--help").stdout().startsWith("Usage: tapls "));
    }

    @Test
    void usageAndHelpStillListEveryCommand() {
        Cli.Result usage = Cli.run("--help");
        assertEquals(0, usage.exitCode());
        for (String name : Main.COMMANDS) {
            if (!name.equals("bench")) {
                assertTrue(usage.stdout().contains("\n  " + name + " "), name + " in:\n" + usage.stdout());
            }
        }
        assertTrue(usage.stdout().contains("\n  help "), usage.stdout());
        assertTrue(!usage.stdout().contains("bench"), "the bench command stays hidden");
        Cli.Result help = Cli.run("help", "check");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().startsWith("Usage: tapls check "), help.stdout());
        assertEquals(help.stdout(), Cli.run("check", "--help").stdout());
    }

    @Test
    void usageErrorsAreOneLineWithTheExitCodeOfAUsageError() {
        Cli.Result unknown = Cli.run("chek");
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.stderr().lines().count(), unknown.stderr());
        assertEquals("tapls: unknown command 'chek'; did you mean one of 'check', 'help'? (see 'tapls --help')\n",
                unknown.stderr());
        Cli.Result option = Cli.run("check", "--bogus");
        assertEquals(2, option.exitCode());
        assertEquals("tapls: unknown option '--bogus' (see 'tapls check --help')\n", option.stderr());
        // `tapls lsp` starts the server without picocli; anything else after "lsp" is still picocli's.
        Cli.Result lsp = Cli.run("lsp", "--bogus");
        assertEquals(2, lsp.exitCode());
        assertEquals("tapls: unknown option '--bogus' (see 'tapls lsp --help')\n", lsp.stderr());
        assertTrue(Cli.run("lsp", "--help").stdout().startsWith("Usage: tapls lsp "));
    }

    private static String inProcess(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
