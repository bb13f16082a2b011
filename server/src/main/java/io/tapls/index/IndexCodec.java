package io.tapls.index;

import io.tapls.stap.DocComment;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Macro;
import io.tapls.stap.StapFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A library index's declarations as bytes, and back: the disk cache's payload ({@link IndexDiskCache}).
 *
 * <p>What is kept is what the index answers with: every alias entry (name, points, variables with their
 * refined types, char* variables, doc comment, file, whether on the search path), every function (name,
 * declared and inferred types, parameters, priority, flags, pragma, doc comment), global and macro, in the
 * index's order. What is not kept is syntax: bodies, tokens, guards, initialisers and the parsed files;
 * records read back hold null there (the index itself asks for none of it).
 *
 * <p>Layout: a table of the distinct strings (each once: types, file names and point names repeat a
 * lot), then the entries as variable-length integers that refer to it. Reading checks every count and
 * reference against what is left, so a damaged payload is rejected ({@link Malformed}), never half-read.
 */
final class IndexCodec {
    private IndexCodec() {
    }

    /** The payload could not be read: damaged, or written by another format. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ writing

    static byte[] write(TapsetIndex index) {
        Writer w = new Writer();
        w.count(index.fileCount());
        Map<String, List<TapsetIndex.AliasEntry>> aliases = index.aliases();
        w.count(aliases.size());
        aliases.forEach((name, entries) -> {
            w.str(name);
            w.count(entries.size());
            for (TapsetIndex.AliasEntry e : entries) {
                w.str(e.name());
                w.strings(e.points());
                w.bool(e.epilogue());
                w.map(e.variables());
                w.strings(e.charPointers() == null ? null : List.copyOf(e.charPointers()));
                w.doc(e.doc());
                w.str(e.file());
                w.bool(e.onSearchPath());
            }
        });
        Map<String, List<TapsetIndex.FunctionEntry>> functions = index.functions();
        w.count(functions.size());
        functions.forEach((name, entries) -> {
            w.str(name);
            w.count(entries.size());
            for (TapsetIndex.FunctionEntry e : entries) {
                Function f = e.function();
                w.str(f.name());
                w.str(f.returnType());
                w.count(f.params().size());
                for (Function.Param p : f.params()) {
                    w.str(p.name());
                    w.str(p.type());
                }
                w.optionalLong(f.priority());
                w.bool(f.embedded());
                w.bool(f.isPrivate());
                w.doc(f.doc());
                w.str(e.file());
                w.bool(e.onSearchPath());
                w.str(e.inferredReturn());
                w.str(e.pragma());
            }
        });
        Map<String, List<Global>> globals = index.globals();
        w.count(globals.size());
        globals.forEach((name, entries) -> {
            w.str(name);
            w.count(entries.size());
            for (Global g : entries) {
                w.str(g.name());
                w.bool(g.wrap());
                w.optionalLong(g.size());
                w.bool(g.isPrivate());
            }
        });
        Map<String, Macro> macros = index.macros();
        w.count(macros.size());
        macros.forEach((name, m) -> {
            w.str(name);
            w.str(m.name());
            w.strings(m.params());
            w.doc(m.doc());
        });
        return w.finish();
    }

    private static final class Writer {
        private final Map<String, Integer> table = new HashMap<>();
        private final List<String> strings = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);

        void count(long n) {
            // unsigned LEB128
            while ((n & ~0x7FL) != 0) {
                body.write((int) ((n & 0x7F) | 0x80));
                n >>>= 7;
            }
            body.write((int) n);
        }

        void bool(boolean b) {
            body.write(b ? 1 : 0);
        }

        /** A string as its place in the table plus one; 0 is null. */
        void str(String s) {
            if (s == null) {
                count(0);
                return;
            }
            Integer at = table.get(s);
            if (at == null) {
                at = strings.size();
                table.put(s, at);
                strings.add(s);
            }
            count(at + 1L);
        }

        /** A list of strings as its size plus one; 0 is null. */
        void strings(List<String> list) {
            if (list == null) {
                count(0);
                return;
            }
            count(list.size() + 1L);
            list.forEach(this::str);
        }

        void map(Map<String, String> map) {
            if (map == null) {
                count(0);
                return;
            }
            count(map.size() + 1L);
            map.forEach((k, v) -> {
                str(k);
                str(v);
            });
        }

        void optionalLong(Long v) {
            bool(v != null);
            if (v != null) {
                count((v << 1) ^ (v >> 63)); // zigzag: small negatives stay short
            }
        }

        void doc(DocComment d) {
            bool(d != null);
            if (d != null) {
                str(d.kind());
                str(d.name());
                str(d.summary());
                map(d.vars());
                map(d.sections());
                str(d.raw());
                count(d.start());
                count(d.end());
            }
        }

        byte[] finish() {
            byte[] entries = body.toByteArray();
            body.reset();
            count(strings.size());
            for (String s : strings) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                count(utf8.length);
                body.writeBytes(utf8);
            }
            body.writeBytes(entries);
            return body.toByteArray();
        }
    }

    // ------------------------------------------------------------------ reading

    /** The index these bytes describe; {@code parse} gives its parsed files if they are ever asked for. */
    static TapsetIndex read(byte[] payload, Supplier<List<StapFile>> parse) throws Malformed {
        Reader r = new Reader(payload);
        int fileCount = r.count32();
        Map<String, List<TapsetIndex.AliasEntry>> aliases = new TreeMap<>();
        for (int i = 0, n = r.count(); i < n; i++) {
            String key = r.str();
            int m = r.count();
            List<TapsetIndex.AliasEntry> entries = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                String name = r.str();
                List<String> points = r.strings();
                boolean epilogue = r.bool();
                Map<String, String> variables = r.map();
                List<String> pointers = r.strings();
                DocComment doc = r.doc();
                String file = r.str();
                boolean onPath = r.bool();
                entries.add(new TapsetIndex.AliasEntry(name, points, epilogue, variables,
                        pointers == null ? null : pointers.isEmpty() ? Set.of() : new LinkedHashSet<>(pointers), doc,
                        file, onPath, null, null));
            }
            aliases.put(key, entries);
        }
        Map<String, List<TapsetIndex.FunctionEntry>> functions = new TreeMap<>();
        for (int i = 0, n = r.count(); i < n; i++) {
            String key = r.str();
            int m = r.count();
            List<TapsetIndex.FunctionEntry> entries = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                String name = r.str();
                String returnType = r.str();
                int np = r.count();
                List<Function.Param> params = new ArrayList<>(np);
                for (int k = 0; k < np; k++) {
                    params.add(new Function.Param(r.str(), r.str(), null));
                }
                Long priority = r.optionalLong();
                boolean embedded = r.bool();
                boolean isPrivate = r.bool();
                DocComment doc = r.doc();
                Function f = new Function(name, returnType, params, priority, embedded, isPrivate, null, null, null,
                        doc, null);
                entries.add(new TapsetIndex.FunctionEntry(f, r.str(), r.bool(), r.str(), r.str()));
            }
            functions.put(key, entries);
        }
        Map<String, List<Global>> globals = new TreeMap<>();
        for (int i = 0, n = r.count(); i < n; i++) {
            String key = r.str();
            int m = r.count();
            List<Global> entries = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                entries.add(new Global(r.str(), r.bool(), r.optionalLong(), null, r.bool(), null, null));
            }
            globals.put(key, entries);
        }
        Map<String, Macro> macros = new TreeMap<>();
        for (int i = 0, n = r.count(); i < n; i++) {
            String key = r.str();
            macros.put(key, new Macro(r.str(), r.strings(), null, r.doc(), null, null));
        }
        if (r.at != payload.length) {
            throw new Malformed((payload.length - r.at) + " bytes after the last entry");
        }
        for (String k : aliases.keySet()) {
            if (k == null) {
                throw new Malformed("an alias without a name");
            }
        }
        return TapsetIndex.restored(aliases, functions, globals, macros, fileCount, parse);
    }

    private static final class Reader {
        private final byte[] in;
        private int at;
        private final String[] table;

        Reader(byte[] in) throws Malformed {
            this.in = in;
            int n = count();
            table = new String[n];
            for (int i = 0; i < n; i++) {
                int len = count();
                if (len > in.length - at) {
                    throw new Malformed("a string runs past the end");
                }
                table[i] = new String(in, at, len, StandardCharsets.UTF_8);
                at += len;
            }
        }

        private long varLong() throws Malformed {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= in.length) {
                    throw new Malformed("truncated");
                }
                byte b = in[at++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new Malformed("a number is too long");
        }

        /** A count of things still to read: each takes at least one byte, so it cannot exceed what is left. */
        int count() throws Malformed {
            long v = varLong();
            if (v < 0 || v > in.length - at) {
                throw new Malformed("a count of " + v + " with " + (in.length - at) + " bytes left");
            }
            return (int) v;
        }

        boolean bool() throws Malformed {
            if (at >= in.length) {
                throw new Malformed("truncated");
            }
            byte b = in[at++];
            if (b != 0 && b != 1) {
                throw new Malformed("a flag of " + b);
            }
            return b == 1;
        }

        String str() throws Malformed {
            long v = varLong();
            if (v == 0) {
                return null;
            }
            if (v < 0 || v > table.length) {
                throw new Malformed("string " + v + " of " + table.length);
            }
            return table[(int) v - 1];
        }

        List<String> strings() throws Malformed {
            int n = count();
            if (n == 0) {
                return null;
            }
            List<String> out = new ArrayList<>(n - 1);
            for (int i = 1; i < n; i++) {
                out.add(str());
            }
            return java.util.Collections.unmodifiableList(out);
        }

        Map<String, String> map() throws Malformed {
            int n = count();
            if (n == 0) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 1; i < n; i++) {
                out.put(str(), str());
            }
            return out;
        }

        Long optionalLong() throws Malformed {
            if (!bool()) {
                return null;
            }
            long z = varLong();
            return (z >>> 1) ^ -(z & 1);
        }

        DocComment doc() throws Malformed {
            if (!bool()) {
                return null;
            }
            return new DocComment(str(), str(), str(), map(), map(), str(), count32(), count32());
        }

        int count32() throws Malformed {
            long v = varLong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new Malformed("an offset of " + v);
            }
            return (int) v;
        }
    }
}
