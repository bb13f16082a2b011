package io.tapls.workspace;

import io.tapls.check.CheckOptions;
import io.tapls.check.FileKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open documents, by URI, and the options they are checked with. */
public final class Workspace {
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private volatile CheckOptions options = CheckOptions.defaults();

    public Document open(String uri, String languageId, int version, String text) {
        Document d = new Document(uri, pathOf(uri), version, kindOf(uri, languageId), text, options);
        documents.put(uri, d);
        return d;
    }

    /** Applies changes to an open document; null when it is not open. */
    public Document change(String uri, int version, List<TextChange> changes) {
        return documents.computeIfPresent(uri, (u, d) -> d.edit(version, changes));
    }

    public void close(String uri) {
        documents.remove(uri);
    }

    public Document get(String uri) {
        return documents.get(uri);
    }

    public Collection<Document> all() {
        return documents.values();
    }

    public CheckOptions options() {
        return options;
    }

    public void setOptions(CheckOptions newOptions) {
        options = newOptions;
        documents.replaceAll((u, d) -> d.withOptions(newOptions));
    }

    /** The language id the client sent wins; else the file name decides. */
    static FileKind kindOf(String uri, String languageId) {
        if ("trace-events".equals(languageId) || "qemu-trace-events".equals(languageId)) {
            return FileKind.TRACE_EVENTS;
        }
        String path = pathOf(uri);
        try {
            return FileKind.of(Path.of(path.substring(path.lastIndexOf('/') + 1)));
        } catch (java.nio.file.InvalidPathException e) {
            return FileKind.UNKNOWN;
        }
    }

    static String pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme()) && u.getPath() != null) {
                return u.getPath();
            }
            String p = u.getPath();
            return p != null && !p.isEmpty() ? p : uri;
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }
}
