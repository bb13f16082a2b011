package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensDelta;
import org.eclipse.lsp4j.SemanticTokensDeltaParams;
import org.eclipse.lsp4j.SemanticTokensEdit;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensRangeParams;
import org.eclipse.lsp4j.SemanticTokensWorkspaceCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantic tokens through JSON-RPC, on the real jar: the integer array is decoded with the legend the server
 * announced, back to each token's text, type and modifiers ({@code function.declaration}), as a client does.
 */
class SemanticTokensIT {
    @TempDir
    Path dir;
    private LspClient lsp;
    private SemanticTokensLegend legend;
    private int documents;

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private InitializeResult start(String settings, Path... folders) throws Exception {
        lsp = LspClient.start();
        InitializeResult r = lsp.initializeIn(settings, folders);
        legend = r.getCapabilities().getSemanticTokensProvider().getLegend();
        return r;
    }

    private String open(String name, String language, String text) {
        String uri = dir.resolve("doc" + (documents++) + "-" + name).toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, language, 1, text)));
        return uri;
    }

    private SemanticTokens full(String uri) throws Exception {
        return lsp.server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(
                new TextDocumentIdentifier(uri))).get(60, TimeUnit.SECONDS);
    }

    /** Each token as "line:column text type[.modifier...]", decoded from LSP's relative integers. */
    private List<String> decode(String text, List<Integer> data) {
        assertEquals(0, data.size() % 5, data.toString());
        SourceText st = new SourceText(text);
        List<String> out = new ArrayList<>();
        int line = 0;
        int column = 0;
        for (int i = 0; i < data.size(); i += 5) {
            int deltaLine = data.get(i);
            line += deltaLine;
            column = deltaLine == 0 ? column + data.get(i + 1) : data.get(i + 1);
            int length = data.get(i + 2);
            String content = st.lineContent(line);
            assertTrue(column + length <= content.length(), "token past the end of line " + line);
            StringBuilder b = new StringBuilder().append(line).append(':').append(column).append(' ')
                    .append(content, column, column + length).append(' ')
                    .append(legend.getTokenTypes().get(data.get(i + 3)));
            int mods = data.get(i + 4);
            for (int m = 0; m < legend.getTokenModifiers().size(); m++) {
                if ((mods & (1 << m)) != 0) {
                    b.append('.').append(legend.getTokenModifiers().get(m));
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    private List<String> tokens(String name, String language, String text) throws Exception {
        return decode(text, full(open(name, language, text)).getData());
    }

    @Test
    void theLegendIsLsps() throws Exception {
        InitializeResult r = start("{\"defaultTapsets\": false}", dir);
        var provider = r.getCapabilities().getSemanticTokensProvider();
        assertTrue(provider.getFull().getRight().getDelta());
        assertTrue(provider.getRange().getLeft());
        // Only LSP 3.17's predefined names, so that every client's theme colours them.
        List<String> standardTypes = List.of("namespace", "type", "class", "enum", "interface", "struct",
                "typeParameter", "parameter", "variable", "property", "enumMember", "event", "function", "method",
                "macro", "keyword", "modifier", "comment", "string", "number", "regexp", "operator", "decorator");
        List<String> standardModifiers = List.of("declaration", "definition", "readonly", "static", "deprecated",
                "abstract", "async", "modification", "documentation", "defaultLibrary");
        assertTrue(standardTypes.containsAll(legend.getTokenTypes()), legend.getTokenTypes().toString());
        assertTrue(standardModifiers.containsAll(legend.getTokenModifiers()), legend.getTokenModifiers().toString());
    }

    @Test
    void traceEventsPropertiesNameArgumentsAndTheFormatsPieces() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        String text = "# hw/foo.c\n"
                + "disable foo_bar(uint64_t addr, const char *name) \"addr=0x%08\" PRIx64 \" name=%s\"\n"
                + "baz(void) \"\"\n";
        assertEquals(List.of(
                "0:0 # hw/foo.c comment",
                "1:0 disable modifier",
                "1:8 foo_bar function.declaration",
                "1:16 uint64_t type",
                "1:25 addr parameter.declaration",
                "1:31 const char * type",
                "1:43 name parameter.declaration",
                "1:49 \"addr=0x string",
                "1:57 %08 regexp",
                "1:60 \" string",
                "1:62 PRIx64 macro.defaultLibrary",
                "1:69 \" name= string",
                "1:76 %s regexp",
                "1:78 \" string",
                "2:0 baz function.declaration",
                "2:4 void type",
                "2:10 \"\" string"), tokens("trace-events", "trace-events", text));
    }

    @Test
    void aScriptsDeclarationsVariablesAndExpressions() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        String text = """
                global total = 0
                /** adds */
                function add:long (n:long) {
                  total += n # counted
                  return total
                }
                probe begin, timer.ms(100) {
                  x = add(1) . "s"
                  printf("%d %s\\n", x, @cast($p, "struct file")->f_flags)
                }
                probe my.alias = begin { %( arch == "x86_64" %? v = $1 %: v = @1 %) }
                @define twice(e) %( @e + @e %)
                """;
        assertEquals(List.of(
                "0:0 global keyword",
                "0:7 total variable.declaration.static",
                "0:13 = operator",
                "0:15 0 number",
                "1:0 /** adds */ comment.documentation",
                "2:0 function keyword",
                "2:9 add function.declaration",
                "2:13 long type",
                "2:19 n parameter.declaration",
                "2:21 long type",
                "3:2 total variable.static",
                "3:8 += operator",
                "3:11 n parameter",
                "3:13 # counted comment",
                "4:2 return keyword",
                "4:9 total variable.static",
                "6:0 probe keyword",
                "6:6 begin function",
                "6:13 timer namespace",
                "6:19 ms function",
                "6:22 100 number",
                "7:2 x variable",
                "7:4 = operator",
                "7:6 add function",
                "7:10 1 number",
                "7:13 . operator",
                "7:15 \"s\" string",
                "8:2 printf function.defaultLibrary",
                "8:9 \" string",
                "8:10 %d regexp",
                "8:12   string",
                "8:13 %s regexp",
                "8:15 \\n\" string",
                "8:20 x variable",
                "8:23 @cast keyword",
                "8:29 $p variable.readonly",
                "8:33 \"struct file\" string",
                "8:47 -> operator",
                "8:49 f_flags property",
                "10:0 probe keyword",
                "10:6 my namespace",
                "10:9 alias function.declaration",
                "10:15 = operator",
                "10:17 begin function",
                "10:25 %( keyword",
                "10:28 arch macro",
                "10:33 == operator",
                "10:36 \"x86_64\" string",
                "10:45 %? keyword",
                "10:48 v variable",
                "10:50 = operator",
                "10:52 $1 parameter.readonly",
                "10:55 %: keyword",
                "10:58 v variable",
                "10:60 = operator",
                "10:62 @1 parameter.readonly",
                "10:65 %) keyword",
                "11:0 @define keyword",
                "11:8 twice macro.declaration",
                "11:14 e parameter.declaration",
                "11:17 %( keyword",
                "11:20 @e parameter",
                "11:23 + operator",
                "11:25 @e parameter",
                "11:28 %) keyword"), tokens("a.stp", "systemtap", text));
    }

    @Test
    void whatDebiansTapsetsDefineIsTheDefaultLibrary() throws Exception {
        Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        start(null, dir);
        String text = "probe syscall.open { println(execname(), filename, mine(), local) }\n";
        String uri = open("b.stp", "systemtap", text);
        lsp.nextDiagnostics(uri, 120); // a script's diagnostics wait for the library's index
        List<String> tokens = decode(text, full(uri).getData());
        assertEquals(List.of("0:0 probe keyword", "0:6 syscall namespace", "0:14 open function",
                "0:21 println function.defaultLibrary", "0:29 execname function.defaultLibrary",
                "0:41 filename variable.defaultLibrary", "0:51 mine function", "0:59 local variable"), tokens);
    }

    @Test
    void theVariablesOfAnAliasDerivedFromTheWorkspacesEvents() throws Exception {
        Path events = dir.resolve("io/trace-events");
        Files.createDirectories(events.getParent());
        Files.writeString(events, "qio_task_new(void *task, int n) \"task=%p n=%d\"\n");
        start("{\"defaultTapsets\": false}", dir);
        String text = "probe qemu.system.x86_64.qio_task_new { println(task, n, other) }\n";
        String uri = open("c.stp", "systemtap", text);
        lsp.nextDiagnostics(uri, 60);
        assertEquals(List.of("0:0 probe keyword", "0:6 qemu namespace", "0:11 system namespace",
                "0:18 x86_64 namespace", "0:25 qio_task_new function", "0:40 println function.defaultLibrary",
                "0:48 task variable.defaultLibrary", "0:54 n variable.defaultLibrary", "0:57 other variable"),
                decode(text, full(uri).getData()));
    }

    @Test
    void multiLineTokensAreSplitColumnsAreUtf16AndHalfTypedTextIsClassified() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        String text = "/* one\n   two */ probe begin {\n  println(\"\uD83D\uDE00\", x, \"unfinished\n";
        assertEquals(List.of("0:0 /* one comment", "1:0    two */ comment", "1:10 probe keyword",
                "1:16 begin function", "2:2 println function.defaultLibrary", "2:10 \"\uD83D\uDE00\" string",
                "2:16 x variable", "2:19 \"unfinished string"), tokens("d.stp", "systemtap", text));
    }

    @Test
    void aRangeGivesTheTokensOfItsLinesOnly() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        String text = "global a\nglobal b\nglobal c\n";
        String uri = open("e.stp", "systemtap", text);
        SemanticTokens range = lsp.server.getTextDocumentService().semanticTokensRange(new SemanticTokensRangeParams(
                new TextDocumentIdentifier(uri), new Range(new Position(1, 0), new Position(2, 0))))
                .get(60, TimeUnit.SECONDS);
        assertEquals(List.of("1:0 global keyword", "1:7 b variable.declaration.static"),
                decode(text, range.getData()));
    }

    @Test
    void aDeltaTurnsTheLastTokensIntoTheCurrentOnes() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        String before = "probe begin {\n  x = 1\n}\nprobe end { println(x) }\n";
        String uri = open("f.stp", "systemtap", before);
        SemanticTokens first = full(uri);
        String after = "probe begin {\n  x = 1; y = \"s\"\n}\nprobe end { println(x) }\n";
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(
                        new Range(new Position(1, 7), new Position(1, 7)), "; y = \"s\""))));
        Either<SemanticTokens, SemanticTokensDelta> delta = lsp.server.getTextDocumentService()
                .semanticTokensFullDelta(new SemanticTokensDeltaParams(new TextDocumentIdentifier(uri),
                        first.getResultId())).get(60, TimeUnit.SECONDS);
        assertTrue(delta.isRight(), delta.toString());
        List<Integer> data = new ArrayList<>(first.getData());
        List<SemanticTokensEdit> edits = new ArrayList<>(delta.getRight().getEdits());
        edits.sort((a, b) -> b.getStart() - a.getStart());
        for (SemanticTokensEdit e : edits) {
            data.subList(e.getStart(), e.getStart() + e.getDeleteCount()).clear();
            data.addAll(e.getStart(), e.getData() == null ? List.of() : e.getData());
        }
        assertEquals(decode(after, full(uri).getData()), decode(after, data));
        // One splice around the edited line, not the whole array again.
        assertEquals(1, edits.size());
        assertTrue(edits.get(0).getData().size() < first.getData().size(), edits.toString());
        assertTrue(decode(after, data).contains("1:9 y variable"), decode(after, data).toString());
        // Tokens the server no longer has (or never sent) are answered in full.
        Either<SemanticTokens, SemanticTokensDelta> unknown = lsp.server.getTextDocumentService()
                .semanticTokensFullDelta(new SemanticTokensDeltaParams(new TextDocumentIdentifier(uri), "nope"))
                .get(60, TimeUnit.SECONDS);
        assertEquals(decode(after, full(uri).getData()), decode(after, unknown.getLeft().getData()));
    }

    @Test
    void theClientIsAskedToRefreshOnceTheLibraryIsIndexed() throws Exception {
        lsp = LspClient.start();
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "w")));
        params.setInitializationOptions(com.google.gson.JsonParser.parseString("{\"defaultTapsets\": false}"));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setSemanticTokens(new SemanticTokensWorkspaceCapabilities(true));
        caps.setWorkspace(ws);
        params.setCapabilities(caps);
        lsp.initializeWith(params);
        lsp.nextEvent("refresh semanticTokens", 60);
    }
}
