package io.envguard.edge.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The broker address and security settings of every Kafka client this service builds itself: the same {@code kafka.*}
 * properties the messaging connector and the health check use (application.properties, "Kafka security"), so that no
 * client connects differently. With a SASL protocol, a missing JAAS configuration fails the client instead of connecting
 * unauthenticated.
 */
@ApplicationScoped
public class KafkaConnection {

    private final Map<String, Object> settings;

    public KafkaConnection(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                    @ConfigProperty(name = "kafka.security.protocol") String protocol,
                    @ConfigProperty(name = "kafka.sasl.mechanism") String mechanism,
                    @ConfigProperty(name = "kafka.sasl.jaas.config") Optional<String> jaasConfig) {
        Map<String, Object> common = new HashMap<>();
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        common.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_")) {
            common.put(SaslConfigs.SASL_MECHANISM, mechanism);
            common.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig.orElseThrow(() -> new IllegalStateException(
                    "kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG) is required with security protocol " + protocol)));
        }
        this.settings = Map.copyOf(common);
    }

    /** A client's configuration: its own settings with the address and security settings added. */
    public Map<String, Object> config(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.putAll(settings);
        return config;
    }
}
