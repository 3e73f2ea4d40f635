package io.envguard.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the configuration lives and how it is written: {@code $ENVGUARD_CONFIG}, else {@code ~/.envguard/config.json}
 * ({@code $HOME} first, then the JVM's home). The file holds API keys, so it is created readable by its owner only
 * (mode 0600, in a 0700 directory) and replaced atomically.
 */
public final class ConfigFile {

    private final Path path;
    private final ObjectMapper json;

    public ConfigFile(Path path, ObjectMapper json) {
        this.path = path;
        this.json = json;
    }

    public static Path locate(Map<String, String> environment) {
        String explicit = environment.get("ENVGUARD_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = environment.getOrDefault("HOME", "");
        return Path.of(home.isBlank() ? System.getProperty("user.home") : home, ".envguard", "config.json");
    }

    public Path path() {
        return path;
    }

    public Config read() {
        if (!Files.exists(path)) {
            return Config.empty();
        }
        try {
            return json.readValue(path.toFile(), Config.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public void write(Config config) {
        try {
            Path directory = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = directory.resolve(path.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new IOException("another envguard is writing " + path, e);
            }
            json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), config);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
