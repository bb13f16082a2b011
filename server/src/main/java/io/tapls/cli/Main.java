package io.tapls.cli;

import java.io.PrintWriter;
import io.tapls.workspace.TaplsVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `tapls` command line. */
@Command(name = "tapls", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Language server and checker for QEMU trace-events files and SystemTap scripts.",
        subcommands = {CheckCommand.class, RulesCommand.class, GenerateCommand.class, ListCommand.class,
            RunCommand.class, IndexCommand.class, DumpCommand.class, LspCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit codes shared by every command. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Never a stack trace: one line, and the exit code for an I/O or internal problem.
            commandLine.getErr().println("tapls: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return EXIT_USAGE;
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("tapls: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tapls " + TaplsVersion.get()};
        }
    }
}
