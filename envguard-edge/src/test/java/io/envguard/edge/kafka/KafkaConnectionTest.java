package io.envguard.edge.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"svc\" password=\"secret\";";

    @Test
    void plaintextAddsTheAddressAndProtocolOnly() {
        KafkaConnection connection = new KafkaConnection("broker:9092", "PLAINTEXT", "SCRAM-SHA-512", Optional.empty());

        assertEquals(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "PLAINTEXT", "acks", "all"),
                connection.config(Map.of("acks", "all")));
    }

    @Test
    void saslAddsTheMechanismAndCredentialsOverTheClientsOwnSettings() {
        KafkaConnection connection = new KafkaConnection("broker:9092", "SASL_PLAINTEXT", "SCRAM-SHA-512", Optional.of(JAAS));

        assertEquals(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_PLAINTEXT",
                        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS),
                connection.config(Map.of("security.protocol", "PLAINTEXT")));
    }

    @Test
    void saslWithoutCredentialsRefusesToConnect() {
        assertThrows(IllegalStateException.class,
                () -> new KafkaConnection("broker:9092", "SASL_PLAINTEXT", "SCRAM-SHA-512", Optional.empty()));
    }
}
