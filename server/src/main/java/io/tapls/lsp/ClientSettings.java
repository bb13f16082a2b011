package io.tapls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tapls.stap.PpConfig;
import io.tapls.traceevents.QemuVersion;
import io.tapls.workspace.RuleCatalog;
import io.tapls.workspace.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The client's settings as JSON, from {@code initializationOptions} or {@code workspace/didChangeConfiguration}
 * (whole, or under a "tapls" key), mapped onto {@link Settings}. Every key is optional (docs/editors.md):
 * <pre>
 * {"qemuVersion": "7.2", "disable": ["rule"], "enable": ["rule"], "syntaxOnly": false,
 *  "tapsets": ["dir"], "defaultTapsets": true, "traceEvents": ["path"], "probePrefixes": ["qemu.system.arm"],
 *  "stapTarget": {"arch": "x86_64", "kernelRelease": "6.1.0", "runtime": "kernel"},
 *  "scriptArguments": ["value of $1"], "tapsetBinary": "/usr/bin/qemu-system-aarch64",
 *  "tapsetOutput": "tapsets", "providerFiles": ["path"], "providerPrefix": "libvirt"}
 * </pre>
 * Relative paths are read from the first workspace folder. What cannot be understood is reported once
 * (through {@code warn}) and left at its default.
 */
final class ClientSettings {
    String qemuVersion;
    List<String> disable;
    List<String> enable;
    Boolean syntaxOnly;
    List<String> tapsets;
    Boolean defaultTapsets;
    List<String> traceEvents;
    List<String> probePrefixes;
    Target stapTarget;
    List<String> scriptArguments;
    String tapsetBinary;
    String tapsetOutput;
    List<String> providerFiles;
    String providerPrefix;

    static final class Target {
        String arch;
        String kernelRelease;
        String runtime;
    }

    private static final Set<String> KEYS = Set.of("qemuVersion", "disable", "enable", "syntaxOnly", "tapsets",
            "defaultTapsets", "traceEvents", "probePrefixes", "stapTarget", "scriptArguments", "tapsetBinary",
            "tapsetOutput", "providerFiles", "providerPrefix");

    /** Whether a didChangeConfiguration payload carries tapls' settings at all. */
    static boolean present(Object raw) {
        if (!(raw instanceof JsonObject o)) {
            return false;
        }
        return o.has("tapls") || o.keySet().stream().anyMatch(KEYS::contains);
    }

    static ClientSettings parse(Object raw, Consumer<String> warn) {
        Gson gson = new Gson();
        JsonElement json = raw instanceof JsonElement j ? j : gson.toJsonTree(raw);
        if (json != null && json.isJsonObject() && json.getAsJsonObject().has("tapls")) {
            json = json.getAsJsonObject().get("tapls");
        }
        ClientSettings s = null;
        if (json != null && json.isJsonObject()) {
            // Key by key: one setting of the wrong type is ignored alone, not with every other one.
            JsonObject understood = new JsonObject();
            for (var e : json.getAsJsonObject().entrySet()) {
                JsonObject one = new JsonObject();
                one.add(e.getKey(), e.getValue());
                try {
                    gson.fromJson(one, ClientSettings.class);
                    understood.add(e.getKey(), e.getValue());
                } catch (RuntimeException x) {
                    warn.accept("ignoring the setting " + e.getKey() + ": " + shape(e.getKey()) + " is expected, not "
                            + abbreviated(e.getValue()));
                }
            }
            s = gson.fromJson(understood, ClientSettings.class);
        }
        return s == null ? new ClientSettings() : s;
    }

    /** What a setting's value must be, in words (docs/editors.md's types). */
    private static String shape(String key) {
        return switch (key) {
            case "syntaxOnly", "defaultTapsets" -> "true or false";
            case "stapTarget" -> "an object with strings arch, kernelRelease and runtime";
            case "qemuVersion", "tapsetBinary", "tapsetOutput", "providerPrefix" -> "a string";
            default -> "a list of strings";
        };
    }

    private static String abbreviated(JsonElement value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** These settings over the defaults. */
    Settings toSettings(Path base, Consumer<String> warn) {
        QemuVersion version = QemuVersion.CURRENT;
        if (qemuVersion != null) {
            try {
                version = QemuVersion.parse(qemuVersion);
            } catch (IllegalArgumentException e) {
                warn.accept(e.getMessage() + "; using " + QemuVersion.CURRENT);
            }
        }
        PpConfig target = stapTarget == null ? PpConfig.defaults()
                : PpConfig.target(stapTarget.arch, stapTarget.kernelRelease, stapTarget.runtime);
        return new Settings(version, rules(disable, warn), rules(enable, warn), Boolean.TRUE.equals(syntaxOnly),
                paths(tapsets, base, warn), !Boolean.FALSE.equals(defaultTapsets), paths(traceEvents, base, warn),
                strings(probePrefixes), target, strings(scriptArguments),
                tapsetBinary == null || tapsetBinary.isBlank() ? null : tapsetBinary.strip(),
                tapsetOutput == null || tapsetOutput.isBlank() ? null
                        : paths(List.of(tapsetOutput), base, warn).stream().findFirst().orElse(null),
                paths(providerFiles, base, warn), providerPrefix(warn));
    }

    /** The provider aliases' first word: a probe-point name (dotted words), else the default with a warning. */
    private String providerPrefix(Consumer<String> warn) {
        if (providerPrefix == null || providerPrefix.isBlank()) {
            return null;
        }
        String p = providerPrefix.strip();
        if (!p.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            warn.accept("providerPrefix '" + p + "' is not a probe name; using libvirt");
            return null;
        }
        return p;
    }

    private static Set<String> rules(List<String> ids, Consumer<String> warn) {
        List<String> known = new ArrayList<>();
        for (String id : strings(ids)) {
            if (RuleCatalog.find(id).isPresent()) {
                known.add(id);
            } else {
                warn.accept("unknown rule '" + id + "' in the settings");
            }
        }
        return Set.copyOf(known);
    }

    private static List<Path> paths(List<String> values, Path base, Consumer<String> warn) {
        List<Path> out = new ArrayList<>();
        for (String v : strings(values)) {
            try {
                Path p = Path.of(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
                out.add(base != null && !p.isAbsolute() ? base.resolve(p) : p);
            } catch (InvalidPathException e) {
                warn.accept("not a path in the settings: " + v);
            }
        }
        return out;
    }

    private static List<String> strings(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }
}
