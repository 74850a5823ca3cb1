package io.stowage.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into the build. */
public final class StowageVersion implements IVersionProvider {
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = StowageVersion.class.getResourceAsStream("/io/stowage/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"stowage " + version(), "Java " + System.getProperty("java.version")};
    }
}
