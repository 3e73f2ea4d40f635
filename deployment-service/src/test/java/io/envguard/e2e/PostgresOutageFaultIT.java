package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.envguard.e2e.Gateway.as;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL goes away for a while: services say they are not ready, refuse guarded changes, and recover by themselves. */
@ExtendWith(SettledPlatform.class)
class PostgresOutageFaultIT {

    private static final List<Integer> SERVICE_PORTS = List.of(8081, 8082, 8083);

    @AfterEach
    void postgresIsBack() {
        database(true);
    }

    @Test
    void servicesAreNotReadyAndRefuseChangesWhilePostgresIsDownThenRecover() {
        Organization organization = Gateway.newOrganization("pg-outage");
        User member = Gateway.newMember(organization, "pia", "MEMBER");
        String modelId = as(member).body(Map.of("name", "m")).post("/v1/models").then().statusCode(200).extract().path("model.id");
        String deploymentId = as(member).body(Map.of()).post("/v1/models/" + modelId + "/deployments")
                .then().statusCode(200).extract().path("deployment.id");

        database(false);
        assertTrue(eventually(Duration.ofSeconds(30), () -> SERVICE_PORTS.stream().noneMatch(PostgresOutageFaultIT::ready)),
                "every service reports not ready without its database");
        for (int attempt = 0; attempt < 5; attempt++) {
            int status = as(member).body(Map.of("deployment_id", deploymentId))
                    .post("/v1/models/" + modelId + "/environments/production/promote").statusCode();
            assertNotEquals(200, status, "a promote must not succeed without the database");
        }

        database(true);
        assertTrue(eventually(Duration.ofSeconds(60), () -> SERVICE_PORTS.stream().allMatch(PostgresOutageFaultIT::ready)),
                "every service is ready again by itself");
        assertTrue(eventually(Duration.ofSeconds(30), () -> as(member).body(Map.of("deployment_id", deploymentId))
                .post("/v1/models/" + modelId + "/environments/production/promote").statusCode() == 200),
                "a promote succeeds again");
    }

    private static boolean ready(int port) {
        try {
            return RestAssured.given().baseUri("http://127.0.0.1:" + port).get("/q/health/ready").statusCode() == 200;
        } catch (RuntimeException notAnswering) {
            return false;
        }
    }

    /** The platform's embedded PostgreSQL through bin/platform, otherwise the machine's own cluster. */
    private static void database(boolean up) {
        Path root = Path.of(System.getProperty("envguard.root", "..")).toAbsolutePath().normalize();
        if (Files.exists(root.resolve(".platform/postgres/embedded"))) {
            if (up) {
                Platform.start("postgres");
            } else {
                Platform.stop("postgres");
            }
            return;
        }
        try {
            String version = Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
            List<String> command = up
                    ? List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start")
                    : List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
            Process process = new ProcessBuilder(command).inheritIO().start();
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot control PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean eventually(Duration limit, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
