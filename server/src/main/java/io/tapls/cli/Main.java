package io.tapls.cli;

import java.io.PrintWriter;
import java.util.List;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.TaplsVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `tapls` command line.
 *
 * <p>Start-up is most of a short run's time, and picocli's share of it grows with every command it is
 * shown: it reads each one's annotations through reflection and builds its model. So the subcommands are
 * not listed on the annotation; {@link #run} registers only the one the arguments name, and all of them
 * only when picocli needs them all (top-level usage and help, errors that suggest a command).
 */
@Command(name = "tapls", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Language server and checker for QEMU trace-events files and SystemTap scripts.")
public final class Main implements Runnable {
    /** Exit codes shared by every command. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_USAGE = 2;

    /** The subcommands, in the order `tapls --help` lists them ("help" last). */
    static final java.util.List<String> COMMANDS = java.util.List.of("check", "rules", "generate", "list", "run",
            "index", "dump", "lsp", "bench");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli would print, without loading it: its classes and reflection cost a bare JVM's
            // start-up again, and scripts and editors ask for the version to see that tapls runs at all.
            System.out.println(versionLine());
            System.out.flush();
            System.exit(EXIT_OK);
        }
        if (args.length >= 1 && args.length <= 2 && args[0].equals("lsp")
                && (args.length == 1 || args[1].equals("--stdio"))) {
            // How editors start the server: straight to it, as LspCommand would, without picocli's start-up
            // (its classes, and reflection over the command's annotations) before the first message.
            System.exit(lsp());
        }
        System.exit(run(args));
    }

    /** The language server on stdio, with picocli's one-line report of a failure. */
    static int lsp() {
        try {
            return io.tapls.lsp.ServerLauncher.runStdio();
        } catch (RuntimeException e) {
            System.err.println("tapls: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return EXIT_USAGE;
        }
    }

    public static int run(String... args) {
        // picocli registers converters for java.time's and java.sql's types by loading those classes, which
        // initialises java.time's formatters: a tenth of a short run's CPU, for types no tapls option has.
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.time\\..*|java\\.sql\\..*");
        }
        if (args.length > 0 && args[0].equals("check") && !Boolean.getBoolean("tapls.noWarmup")) {
            CheckWarmup.start();
        }
        CommandLine cli = new CommandLine(new Main());
        // Arguments that start with a command's name go to that command alone: nothing else is needed.
        String only = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] : null;
        for (String name : COMMANDS) {
            if (only == null || only.equals(name)) {
                cli.addSubcommand(name, command(name));
            }
        }
        if (only == null) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        HelpLayout.install(cli);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Never a stack trace, nor an exception's name: one line, and the exit code of a usage or I/O problem.
            commandLine.getErr().println("tapls: " + describe(ex));
            return EXIT_USAGE;
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("tapls: " + describe(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    /**
     * A usage error in words: an unknown command as git says it, with picocli's suggestions of the commands (or
     * options) it resembles; an argument a command does not take; else picocli's own message.
     */
    static String describe(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            String hint = suggestions.isEmpty() ? "" : "; did you mean "
                    + (suggestions.size() == 1 ? "" : "one of ")
                    + String.join(", ", suggestions.stream().map(x -> "'" + x + "'").toList()) + "?";
            if (first.startsWith("-")) {
                return "unknown option '" + first + "'" + hint;
            }
            if (u.getCommandLine().getParent() == null) {
                return "unknown command '" + first + "'" + hint;
            }
            return "unexpected argument '" + first + "'";
        }
        String m = ex.getMessage();
        if (m != null && m.startsWith("Unknown subcommand '") && m.endsWith("'.")) {
            // picocli's help command (`tapls help frobnicate`), worded as the unknown command above.
            return "unknown command " + m.substring("Unknown subcommand ".length(), m.length() - 1);
        }
        return m;
    }

    /** Why a command failed, in one line: the message of a {@link CliFailure} or an I/O error, never a class name. */
    static String describe(Exception ex) {
        Throwable t = ex instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        if (t instanceof CliFailure) {
            return t.getMessage();
        }
        if (t instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + Discovery.reason(f);
        }
        if (t instanceof java.io.IOException e) {
            return Discovery.reason(e);
        }
        String m = t.getMessage();
        return "internal error: " + (m == null || m.isBlank() ? "unexpected " + t.getClass().getSimpleName() : m);
    }

    private static Object command(String name) {
        return switch (name) {
            case "check" -> new CheckCommand();
            case "rules" -> new RulesCommand();
            case "generate" -> new GenerateCommand();
            case "list" -> new ListCommand();
            case "run" -> new RunCommand();
            case "index" -> new IndexCommand();
            case "dump" -> new DumpCommand();
            case "lsp" -> new LspCommand();
            case "bench" -> new BenchCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static String versionLine() {
        // concat, not +: javac's string concatenation bootstraps method handles on first use, which costs
        // `tapls --version` more than everything else it does.
        return "tapls ".concat(TaplsVersion.get());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }
}
