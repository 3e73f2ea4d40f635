package io.envguard.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Only the gateway is a way in: every port the local platform opens (bin/platform) listens on loopback only, so the
 * services' internal API, their local token issuer and the broker cannot be reached past the gateway and its limits
 * from another machine. Each port must answer on 127.0.0.1 and refuse on every other address of this machine (what
 * {@code hostname -I} lists).
 */
class LoopbackOnlyIT {

    private static final Map<String, Integer> PORTS = Map.of(
            "gateway", 8080, "environment-service", 8081, "authz-service", 8082, "deployment-service", 8083,
            "kafka", 9092, "kafka controller", 9093);

    @Test
    void everyPortOfThePlatformAnswersOnLoopbackOnly() throws SocketException {
        List<InetAddress> others = nonLoopbackAddresses();
        List<Executable> checks = new ArrayList<>();
        PORTS.forEach((part, port) -> {
            checks.add(() -> assertTrue(accepts(InetAddress.getLoopbackAddress(), port),
                    part + " does not answer on 127.0.0.1:" + port + " (is the platform up?)"));
            for (InetAddress address : others) {
                checks.add(() -> assertTrue(!accepts(address, port),
                        part + " is reachable on " + address.getHostAddress() + ":" + port + ", past the gateway"));
            }
        });
        assertAll(checks);
    }

    /** This machine's addresses other than loopback and link-local ones, IPv4 and IPv6. */
    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp()) {
                network.inetAddresses()
                        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
