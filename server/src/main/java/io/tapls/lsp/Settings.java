package io.tapls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tapls.check.CheckOptions;
import io.tapls.check.RuleCatalog;
import io.tapls.traceevents.QemuVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The client's settings, from initializationOptions or workspace/didChangeConfiguration (whole, or
 * under a "tapls" key): {"qemuVersion": "7.2", "disable": ["rule"], "enable": ["rule"]}.
 */
final class Settings {
    String qemuVersion = QemuVersion.CURRENT.toString();
    List<String> disable = new ArrayList<>();
    List<String> enable = new ArrayList<>();

    static Settings from(Object raw) {
        Gson gson = new Gson();
        JsonElement json = raw instanceof JsonElement j ? j : gson.toJsonTree(raw);
        if (json != null && json.isJsonObject() && json.getAsJsonObject().has("tapls")) {
            json = json.getAsJsonObject().get("tapls");
        }
        Settings s = null;
        if (json != null && json.isJsonObject()) {
            try {
                s = gson.fromJson(json, Settings.class);
            } catch (RuntimeException e) {
                System.err.println("tapls: ignoring settings that are not understood: " + e.getMessage());
            }
        }
        if (s == null) {
            s = new Settings();
        }
        if (s.disable == null) {
            s.disable = new ArrayList<>();
        }
        if (s.enable == null) {
            s.enable = new ArrayList<>();
        }
        return s;
    }

    static boolean present(Object raw) {
        return raw instanceof JsonObject o && (o.has("tapls") || o.has("qemuVersion") || o.has("disable")
                || o.has("enable"));
    }

    CheckOptions toOptions() {
        QemuVersion version;
        try {
            version = QemuVersion.parse(qemuVersion == null ? QemuVersion.CURRENT.toString() : qemuVersion);
        } catch (IllegalArgumentException e) {
            System.err.println("tapls: " + e.getMessage() + "; using " + QemuVersion.CURRENT);
            version = QemuVersion.CURRENT;
        }
        return new CheckOptions(version, known(disable), known(enable));
    }

    private static Set<String> known(List<String> ids) {
        return Set.copyOf(ids.stream().filter(id -> id != null && RuleCatalog.find(id).isPresent()).toList());
    }
}
