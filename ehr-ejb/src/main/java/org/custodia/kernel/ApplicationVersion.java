package org.custodia.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build was packaged as (written into {@code version.properties} by the build). */
public final class ApplicationVersion {

    private static final String CURRENT = load();

    private ApplicationVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = ApplicationVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
    }
}
