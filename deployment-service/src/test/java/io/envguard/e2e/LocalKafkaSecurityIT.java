package io.envguard.e2e;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.envguard.e2e.LocalKafka.ADMIN;
import static io.envguard.e2e.LocalKafka.CONSUMER;
import static io.envguard.e2e.LocalKafka.EVENTS_TOPIC;
import static io.envguard.e2e.LocalKafka.PUBLISHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local platform's broker (bin/platform) authenticates and authorises as the one of k8s/base/kafka.yaml: no client
 * gets in without a user and its password, only environment-service may write the events topic, and only the admin
 * may change who may do what.
 */
class LocalKafkaSecurityIT {

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Properties anonymous = new Properties();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.as(PUBLISHER).get("bootstrap.servers"));
        // The listener speaks SASL only: a PLAINTEXT client is disconnected before its first request is answered.
        ExecutionException refused = assertThrows(ExecutionException.class, () -> describeCluster(anonymous));
        assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause(), refused.toString());
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties wrong = LocalKafka.as(PUBLISHER);
        wrong.put("sasl.jaas.config", wrong.getProperty("sasl.jaas.config")
                .replaceFirst("password=\"[^\"]*\"", "password=\"" + UUID.randomUUID() + "\""));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> describeCluster(wrong));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    @Test
    void anUnknownUserIsRefused() {
        Properties stranger = LocalKafka.as(PUBLISHER);
        stranger.put("sasl.jaas.config", stranger.getProperty("sasl.jaas.config")
                .replace("username=\"" + PUBLISHER + "\"", "username=\"mallory\""));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> describeCluster(stranger));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    @Test
    void authzServiceCannotWriteTheEventsTopic() {
        try (KafkaProducer<String, String> producer = producer(CONSUMER)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> producer
                    .send(new ProducerRecord<>(EVENTS_TOPIC, "forged", "{}")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
        }
    }

    /** What the broker's authoriser answers for each user on the events topic (it writes nothing on it). */
    @Test
    void onlyEnvironmentServiceMayWriteTheEventsTopic() throws Exception {
        assertEquals(Set.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE), operationsOnEventsTopic(PUBLISHER));
        assertEquals(Set.of(AclOperation.READ, AclOperation.DESCRIBE), operationsOnEventsTopic(CONSUMER));
    }

    /** environment-service publishes a change as its user, and authz-service's user reads it (partitions assigned). */
    @Test
    void environmentServicePublishesTheEventsOfAChange() throws Exception {
        long since = System.currentTimeMillis() - 1000;
        Gateway.Organization organization = Gateway.newOrganization("kafka-security");
        Properties reader = LocalKafka.as(CONSUMER);
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(reader, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(EVENTS_TOPIC).stream()
                    .map(info -> new TopicPartition(EVENTS_TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, since));
            consumer.offsetsForTimes(at).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean found = false;
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    found |= organization.id().equals(record.key());
                }
            }
            assertTrue(found, "no event of organisation " + organization.id() + " on " + EVENTS_TOPIC);
        }
    }

    @Test
    void theBrokerHoldsExactlyTheIntendedAclsOnTheEventsTopicsAndGroup() throws Exception {
        Set<AclBinding> actual;
        try (Admin admin = Admin.create(LocalKafka.as(ADMIN))) {
            actual = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
                    .filter(binding -> List.of(EVENTS_TOPIC, EVENTS_TOPIC + ".dead-letter", CONSUMER)
                            .contains(binding.pattern().name()))
                    .collect(Collectors.toSet());
        }
        assertEquals(new HashSet<>(LocalKafka.intendedAcls()), actual);
    }

    @Test
    void noServiceMayChangeTheAcls() throws Exception {
        AclBinding writeForAuthz = new AclBinding(new ResourcePattern(ResourceType.TOPIC, EVENTS_TOPIC, PatternType.LITERAL),
                new AccessControlEntry("User:" + CONSUMER, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        for (String user : List.of(PUBLISHER, CONSUMER)) {
            try (Admin admin = Admin.create(LocalKafka.as(user))) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> admin.createAcls(List.of(writeForAuthz)).all().get(30, TimeUnit.SECONDS), user);
                assertInstanceOf(ClusterAuthorizationException.class, refused.getCause(), user + ": " + refused);
                AclBindingFilter authzAcls = new AclBindingFilter(ResourcePatternFilter.ANY,
                        new AccessControlEntryFilter("User:" + CONSUMER, null, AclOperation.ANY, AclPermissionType.ANY));
                ExecutionException notRemoved = assertThrows(ExecutionException.class,
                        () -> admin.deleteAcls(List.of(authzAcls)).all().get(30, TimeUnit.SECONDS), user);
                assertInstanceOf(ClusterAuthorizationException.class, notRemoved.getCause(), user + ": " + notRemoved);
            }
        }
        // The admin may: an ACL for a user nobody has, given and taken back.
        AclBinding nobody = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "envguard.nothing", PatternType.LITERAL),
                new AccessControlEntry("User:nobody-" + UUID.randomUUID(), "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(LocalKafka.as(ADMIN))) {
            admin.createAcls(List.of(nobody)).all().get(30, TimeUnit.SECONDS);
            assertEquals(1, admin.deleteAcls(List.of(nobody.toFilter())).all().get(30, TimeUnit.SECONDS).size());
        }
    }

    private static Set<AclOperation> operationsOnEventsTopic(String user) throws Exception {
        try (Admin admin = Admin.create(LocalKafka.as(user))) {
            return admin.describeTopics(List.of(EVENTS_TOPIC), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(EVENTS_TOPIC).authorizedOperations();
        }
    }

    private static void describeCluster(Properties client) throws Exception {
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(client)) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String user) {
        Properties client = LocalKafka.as(user);
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        client.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        client.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
    }
}
