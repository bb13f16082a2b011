package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;

/**
 * The server and `tapls check` are one engine: for QEMU's 142 trace-events files, the sample tree and Debian's
 * whole tapset library, the diagnostics `tapls check --format json` prints and those the server publishes for the
 * same files in a workspace of the same folders (same, default, settings) are identical: rule, severity, range
 * and message.
 */
class ServerCliParityIT {
    @Test
    void checkAndTheServerSayTheSameOfEveryFile() throws Exception {
        Path corpus = Corpora.qemuCorpus();
        Path library = Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        List<Path> roots = List.of(corpus.resolve("trace-events"), corpus.resolve("generated-qapi"),
                Corpora.repo().resolve("samples"), library);

        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        roots.forEach(r -> args.add(r.toString()));
        Cli.Result cli = Cli.run(args.toArray(String[]::new));
        assertTrue(cli.exitCode() <= 1, cli.stderr());
        Map<String, List<String>> fromCli = new TreeMap<>();
        for (JsonElement f : JsonParser.parseString(cli.stdout()).getAsJsonObject().getAsJsonArray("files")) {
            JsonObject file = f.getAsJsonObject();
            List<String> ds = new ArrayList<>();
            for (JsonElement d : file.getAsJsonArray("diagnostics")) {
                JsonObject o = d.getAsJsonObject();
                JsonObject range = o.getAsJsonObject("range");
                ds.add(o.get("rule").getAsString() + " " + o.get("severity").getAsString() + " "
                        + range.getAsJsonObject("start").get("offset").getAsInt() + "-"
                        + range.getAsJsonObject("end").get("offset").getAsInt() + " " + o.get("message").getAsString());
            }
            fromCli.put(Path.of(file.get("path").getAsString()).toAbsolutePath().normalize().toString(), ds);
        }
        assertTrue(fromCli.size() > 740, "files checked: " + fromCli.size());

        Map<String, List<String>> fromServer = new TreeMap<>();
        try (LspClient lsp = LspClient.start()) {
            InitializeParams p = new InitializeParams();
            p.setWorkspaceFolders(roots.stream().map(r -> new WorkspaceFolder(r.toUri().toString(),
                    r.getFileName().toString())).toList());
            lsp.initializeWith(p);
            Map<String, SourceText> texts = new TreeMap<>();
            Map<String, String> pathOf = new TreeMap<>();
            for (String path : fromCli.keySet()) {
                Path f = Path.of(path);
                String text = Files.readString(f);
                String uri = f.toUri().toString();
                texts.put(uri, new SourceText(text));
                pathOf.put(uri, path);
                String language = path.endsWith(".stp") || path.endsWith(".stpm") ? "systemtap" : "trace-events";
                lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                        new TextDocumentItem(uri, language, 1, text)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (fromServer.size() < texts.size() && System.nanoTime() < deadline) {
                PublishDiagnosticsParams d = lsp.diagnostics.poll(1, TimeUnit.SECONDS);
                if (d == null || !texts.containsKey(d.getUri()) || fromServer.containsKey(pathOf.get(d.getUri()))) {
                    continue;
                }
                SourceText text = texts.get(d.getUri());
                List<String> ds = new ArrayList<>();
                for (Diagnostic x : d.getDiagnostics()) {
                    int start = text.offset(new io.tapls.text.Position(x.getRange().getStart().getLine(),
                            x.getRange().getStart().getCharacter()));
                    int end = text.offset(new io.tapls.text.Position(x.getRange().getEnd().getLine(),
                            x.getRange().getEnd().getCharacter()));
                    ds.add(x.getCode().getLeft() + " " + x.getSeverity().name().toLowerCase().replace("information", "info") + " " + start + "-"
                            + end + " " + x.getMessage().getLeft());
                }
                fromServer.put(pathOf.get(d.getUri()), ds);
            }
        }
        assertEquals(fromCli.keySet(), fromServer.keySet());
        List<String> differ = new ArrayList<>();
        for (String path : fromCli.keySet()) {
            if (!fromCli.get(path).equals(fromServer.get(path))) {
                differ.add(path + "\n  check: " + fromCli.get(path) + "\n  server: " + fromServer.get(path));
            }
        }
        long diagnostics = fromCli.values().stream().mapToLong(List::size).sum();
        System.out.printf("server/CLI parity: %d files, %d diagnostics, %d files differ%n", fromCli.size(),
                diagnostics, differ.size());
        assertEquals(List.of(), differ.stream().limit(10).toList());
    }
}
