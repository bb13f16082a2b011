package io.tapls.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** tapls' own version, from the build (version.properties, filtered by Maven). */
public final class TaplsVersion {
    private static volatile String version;

    private TaplsVersion() {
    }

    public static String get() {
        String v = version;
        if (v == null) {
            // The jar's manifest, which the class loader read to load this class: free. Reading
            // version.properties would open the jar again through a URL connection, a tenth of what
            // `tapls --version` costs. Classes run from a directory (tests, IDEs) have no manifest.
            v = TaplsVersion.class.getPackage().getImplementationVersion();
            if (v == null) {
                Properties p = new Properties();
                try (InputStream in = TaplsVersion.class.getResourceAsStream("/io/tapls/version.properties")) {
                    if (in != null) {
                        p.load(in);
                    }
                } catch (IOException e) {
                    // fall through to "unknown"
                }
                v = p.getProperty("version", "unknown");
            }
            version = v;
        }
        return v;
    }
}
