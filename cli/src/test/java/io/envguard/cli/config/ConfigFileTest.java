package io.envguard.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @TempDir
    Path home;

    @Test
    void theFileLivesUnderHomeUnlessEnvguardConfigNamesAnother() {
        assertEquals(home.resolve(".envguard/config.json"), ConfigFile.locate(Map.of("HOME", home.toString())));
        assertEquals(Path.of("/tmp/elsewhere.json"),
                ConfigFile.locate(Map.of("HOME", home.toString(), "ENVGUARD_CONFIG", "/tmp/elsewhere.json")));
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws IOException {
        ConfigFile file = new ConfigFile(ConfigFile.locate(Map.of("HOME", home.toString())), JSON);
        file.write(Config.empty().with("default", new Config.Remote("http://127.0.0.1:8080", "abcd.secret"), false));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())));
        assertTrue(Files.readString(file.path()).contains("\"api_key\" : \"abcd.secret\""));
    }

    @Test
    void rewritingAFileLeftWorldReadableMakesIt0600Again() throws IOException {
        Path path = home.resolve("config.json");
        Files.writeString(path, "{}");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigFile file = new ConfigFile(path, JSON);
        file.write(file.read().with("ci", new Config.Remote("https://envguard.example.com", "k.s"), false));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals("ci", file.read().defaultRemote());
    }

    @Test
    void remotesAreKeptAndTheFirstIsTheDefaultUntilAnotherIsMadeIt() {
        ConfigFile file = new ConfigFile(home.resolve("c.json"), JSON);
        file.write(Config.empty().with("local", new Config.Remote("http://127.0.0.1:8080", "a.b"), false));
        file.write(file.read().with("prod", new Config.Remote("https://prod.example.com", "c.d"), false));
        assertEquals("local", file.read().defaultRemote());
        file.write(file.read().with("prod", new Config.Remote("https://prod.example.com", "e.f"), true));
        Config config = file.read();
        assertEquals("prod", config.defaultRemote());
        assertEquals("e.f", config.remotes().get("prod").apiKey());
        assertEquals("a.b", config.remotes().get("local").apiKey());
    }

    @Test
    void environmentVariablesOverrideTheRemoteInUse() {
        Config config = Config.empty()
                .with("local", new Config.Remote("http://127.0.0.1:8080", "local.key"), false)
                .with("prod", new Config.Remote("https://prod.example.com", "prod.key"), false);

        assertEquals(new Connection("local", "http://127.0.0.1:8080", "local.key"),
                Connection.resolve(config, null, Map.of()));
        assertEquals(new Connection("prod", "https://prod.example.com", "prod.key"),
                Connection.resolve(config, "prod", Map.of()));
        assertEquals(new Connection("prod", "https://prod.example.com", "ci.key"),
                Connection.resolve(config, "prod", Map.of("ENVGUARD_API_KEY", "ci.key")));
        assertEquals(new Connection(null, "http://gateway:8080", "ci.key"),
                Connection.resolve(Config.empty(), null, Map.of("ENVGUARD_URL", "http://gateway:8080",
                        "ENVGUARD_API_KEY", "ci.key")));
        Connection nothing = Connection.resolve(Config.empty(), null, Map.of());
        assertEquals(Config.DEFAULT_URL, nothing.url());
        assertNull(nothing.apiKey());
        assertThrows(Connection.UnknownRemote.class, () -> Connection.resolve(config, "staging", Map.of()));
    }
}
