package io.tapls.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files of the kinds tapls reads under a directory: recursively, following symbolic links (a directory
 * given as a link is searched like any other; a link loop is skipped), skipping hidden directories and
 * {@code node_modules}, sorted. A file reached by several paths (symbolic or hard links) is found once, by the
 * shortest of them. Every command and the server find their files here.
 */
public final class Discovery {
    /** What a search found, and what it could not read. */
    public record Found(List<Path> files, List<InputProblem> problems) {
        public Found {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    private Discovery() {
    }

    /**
     * A directory the user gave (a command's argument): as {@link #files}, and a
     * {@link InputProblem.NothingFound} when it holds no such file and no problem explains why: a mistyped
     * directory must not pass for an empty result.
     */
    public static Found directoryGiven(Path dir, Set<FileKind> kinds) {
        Found found = files(dir, kinds);
        if (found.files().isEmpty() && found.problems().isEmpty()) {
            return new Found(List.of(), List.of(new InputProblem.NothingFound(dir, kinds)));
        }
        return found;
    }

    /** The files of these kinds under dir, and the problems of what could not be read. */
    public static Found files(Path dir, Set<FileKind> kinds) {
        EnumSet<FileKind> wanted = EnumSet.copyOf(kinds);
        return files(dir, f -> wanted.contains(FileKind.of(f)) && confirmed(f), Integer.MAX_VALUE);
    }

    /**
     * The files under dir whose path passes {@code wanted}, at most {@code depth} levels down (1: the files of
     * dir itself, 2: those of its subdirectories too), found as {@link #files(Path, Set)} finds them.
     */
    public static Found files(Path dir, Predicate<Path> wanted, int depth) {
        List<Path> files = new ArrayList<>();
        Map<Object, Path> byFileKey = new HashMap<>(); // one path per file, however many lead to it
        List<InputProblem> problems = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                            if (!d.equals(dir) && skipped(d.getFileName().toString())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && wanted.test(f)) {
                                Object key = attrs.fileKey();
                                if (key == null) {
                                    files.add(f); // no identity to tell: take every path
                                } else {
                                    byFileKey.merge(key, f, Discovery::preferred);
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            if (!(e instanceof FileSystemLoopException)) {
                                problems.add(new InputProblem.Unreadable(f.toString(), reason(e)));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            problems.add(new InputProblem.Unreadable(dir.toString(),
                    reason(e instanceof UncheckedIOException u ? u.getCause() : e)));
        }
        files.addAll(byFileKey.values());
        files.sort(null);
        return new Found(files, problems);
    }

    /**
     * Of two paths to one file ({@code a/link/x} and {@code b/x} when {@code a/link} is {@code ../b}), the one
     * with the fewest names, else the first.
     */
    private static Path preferred(Path a, Path b) {
        int byLength = Integer.compare(a.getNameCount(), b.getNameCount());
        return byLength < 0 || byLength == 0 && a.compareTo(b) <= 0 ? a : b;
    }

    /** The largest {@code *.d} file read to tell a provider file from a D program. */
    private static final int LARGEST_PROVIDER = 4 << 20;

    /** A {@code *.d} file is a provider file only when its text declares a provider ({@link FileKind#byContent}). */
    private static boolean confirmed(Path f) {
        if (FileKind.of(f) != FileKind.PROVIDER) {
            return true;
        }
        try (java.io.InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(LARGEST_PROVIDER);
            return FileKind.PROVIDER.byContent(new String(head, java.nio.charset.StandardCharsets.UTF_8))
                    == FileKind.PROVIDER;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean skipped(String name) {
        return name.startsWith(".") && !name.equals(".") && !name.equals("..") || name.equals("node_modules");
    }

    /**
     * A plain reason for an I/O failure, as a shell would say it (strerror's words), never an exception's
     * class name: what follows {@code PATH: } in a one-line message.
     */
    public static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof FileSystemLoopException) {
            return "Too many levels of symbolic links";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            // Its message repeats the path; the reason alone is what strerror says (the JDK words ELOOP at length).
            String reason = f.getReason();
            if (reason == null) {
                return "Input/output error";
            }
            return reason.startsWith("Too many levels of symbolic links") ? "Too many levels of symbolic links" : reason;
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? "Input/output error" : m;
    }
}
