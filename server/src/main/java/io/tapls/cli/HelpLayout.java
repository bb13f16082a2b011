package io.tapls.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's usage help with lines broken at spaces only.
 *
 * <p>picocli wraps text at the break opportunities of the JDK's line {@link java.text.BreakIterator}, which
 * include the point after a full stop inside a word: {@code *.stp} came out as {@code *.} / {@code stp},
 * {@code X.Y} as {@code X.} / {@code Y} (picocli only protects hyphens). File patterns, versions and probe
 * names are full of such dots, so every place the help wraps text is laid out here instead, with picocli's
 * own columns and indentation: the synopsis ({@link WrappingHelp#insertSynopsisCommandName}), the description
 * and the command list (section renderers), and the option and parameter lists (their renderers give picocli
 * rows that already fit, so its table never breaks a line itself).
 */
final class HelpLayout {
    /** picocli's indentation of a wrapped line in the option, parameter and command lists. */
    private static final int WRAPPED_INDENT = 2;

    private HelpLayout() {
    }

    /**
     * Lays out the help of the command and of every subcommand registered so far. (Classes rather than
     * lambdas: this runs on every start, and a lambda's first use costs the JVM a bootstrap.)
     */
    static void install(CommandLine cli) {
        cli.setHelpFactory(new Factory());
        Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, new Section(false));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new Section(true));
        cli.setHelpSectionMap(sections);
        for (CommandLine sub : cli.getSubcommands().values()) {
            install(sub);
        }
    }

    private static final class Factory implements CommandLine.IHelpFactory {
        @Override
        public Help create(CommandSpec spec, Help.ColorScheme scheme) {
            return new WrappingHelp(spec, scheme);
        }
    }

    private static final class Section implements CommandLine.IHelpSectionRenderer {
        private final boolean commands;

        Section(boolean commands) {
            this.commands = commands;
        }

        @Override
        public String render(Help help) {
            return commands ? commandList(help) : description(help);
        }
    }

    /** The description: each of its paragraphs filled to the usage width. */
    private static String description(Help help) {
        StringBuilder out = new StringBuilder();
        int width = help.commandSpec().usageMessage().width();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            // As picocli's description(): %n and %% in the annotation's text.
            Text text = help.colorScheme().text(String.format(paragraph));
            for (Text line : wrap(text, width - 1, width - 1)) {
                out.append(line).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** The command list: each visible command's name and the first paragraph of its description. */
    private static String commandList(Help help) {
        Map<String, Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        int nameWidth = Math.min(width / 2, commands.keySet().stream().mapToInt(String::length).max().orElse(0));
        int textColumn = 2 + nameWidth + 2;
        StringBuilder out = new StringBuilder(); // the heading is a section of its own
        for (Map.Entry<String, Help> e : commands.entrySet()) {
            String[] lines = e.getValue().commandSpec().usageMessage().header();
            if (lines.length == 0) {
                lines = e.getValue().commandSpec().usageMessage().description();
            }
            Text summary = help.colorScheme().text(lines.length == 0 ? "" : String.format(lines[0]));
            String name = e.getKey();
            out.append("  ").append(help.colorScheme().commandText(name));
            int column = 2 + name.length();
            if (column + 2 > textColumn) {
                out.append(System.lineSeparator());
                column = 0;
            }
            out.append(" ".repeat(textColumn - column));
            List<Text> wrapped = wrap(summary, width - 1 - textColumn, width - 1 - textColumn - WRAPPED_INDENT);
            for (int i = 0; i < wrapped.size(); i++) {
                if (i > 0) {
                    out.append(" ".repeat(textColumn + WRAPPED_INDENT));
                }
                out.append(wrapped.get(i)).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /**
     * The words of {@code text} (split at spaces) in lines of at most {@code firstRoom} columns for the first
     * line and {@code room} for the others; a word longer than that has a line of its own.
     */
    static List<Text> wrap(Text text, int firstRoom, int room) {
        String plain = text.plainString();
        List<Text> lines = new ArrayList<>();
        int lineStart = -1;
        int lineEnd = -1;
        int i = 0;
        int n = plain.length();
        while (i < n) {
            while (i < n && plain.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            int wordEnd = plain.indexOf(' ', i);
            wordEnd = wordEnd < 0 ? n : wordEnd;
            int limit = lines.isEmpty() ? firstRoom : room;
            if (lineStart < 0) {
                lineStart = i;
            } else if (wordEnd - lineStart > limit) {
                lines.add(text.substring(lineStart, lineEnd));
                lineStart = i;
            }
            lineEnd = wordEnd;
            i = wordEnd;
        }
        if (lineStart >= 0) {
            lines.add(text.substring(lineStart, lineEnd));
        }
        if (lines.isEmpty()) {
            lines.add(text.substring(0, 0));
        }
        return lines;
    }

    /** picocli's Help, with the synopsis and the option and parameter lists laid out at spaces. */
    static final class WrappingHelp extends Help {
        WrappingHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        protected String insertSynopsisCommandName(int synopsisHeadingLength, Text details) {
            String name = commandSpec().qualifiedName();
            int width = commandSpec().usageMessage().width();
            int indent = synopsisHeadingLength + name.length() + 1;
            Text all = colorScheme().commandText(name).concat(details);
            StringBuilder out = new StringBuilder();
            List<Text> lines = wrap(all, width - 1 - synopsisHeadingLength, width - 1 - indent);
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.append(" ".repeat(indent));
                }
                out.append(lines.get(i)).append(System.lineSeparator());
            }
            return out.toString();
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                          ColorScheme scheme) {
            Layout layout = super.createDefaultLayout(options, positionals, scheme);
            Column[] columns = layout.textTable().columns();
            Column last = columns[columns.length - 1];
            int room = last.width - last.indent - 1;
            IOptionRenderer options1 = layout.optionRenderer();
            IParameterRenderer parameters1 = layout.parameterRenderer();
            return new Layout(scheme, layout.textTable(),
                    (option, labels, s) -> rewrap(options1.render(option, labels, s), room),
                    (param, labels, s) -> rewrap(parameters1.render(param, labels, s), room));
        }

        /** The rows picocli's renderer gives, with the last column's text in lines that fit its room. */
        private static Text[][] rewrap(Text[][] rows, int room) {
            List<Text[]> out = new ArrayList<>();
            for (Text[] row : rows) {
                int lastColumn = row.length - 1;
                List<Text> lines = wrap(row[lastColumn], room, room - WRAPPED_INDENT);
                for (int i = 0; i < lines.size(); i++) {
                    Text[] copy = i == 0 ? row.clone() : blank(row);
                    copy[lastColumn] = i == 0 ? lines.get(i)
                            : row[lastColumn].substring(0, 0).concat(" ".repeat(WRAPPED_INDENT)).concat(lines.get(i));
                    out.add(copy);
                }
            }
            return out.toArray(new Text[0][]);
        }

        private static Text[] blank(Text[] row) {
            Text[] empty = new Text[row.length];
            Arrays.setAll(empty, i -> row[i].substring(0, 0));
            return empty;
        }
    }
}
