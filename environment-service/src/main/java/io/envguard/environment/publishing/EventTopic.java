package io.envguard.environment.publishing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how the events are published. */
@ConfigMapping(prefix = "envguard.events")
public interface EventTopic {

    /** The Kafka topic of every event of every organisation. */
    @WithDefault("envguard.environment.events")
    String topic();

    /** Partitions when the service creates the topic. */
    @WithDefault("3")
    int partitions();

    /** Replication factor when the service creates the topic. */
    @WithDefault("1")
    short replicationFactor();

    /** How long one send may wait for the broker's acknowledgement before the processor retries. */
    @WithDefault("30s")
    java.time.Duration sendTimeout();
}
