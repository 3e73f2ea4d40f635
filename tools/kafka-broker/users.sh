# Sourced by bin/platform and bench/: the local broker's users. Each user's client properties (address, SCRAM-SHA-512,
# password) are in <users dir>/<user>.properties, written by bin/platform when it formats the broker's storage.

# export_kafka_user <users dir> <user>: the "Kafka security" variables of a service that connects as this user, exported
# (never on a command line, where any process list would show the password).
export_kafka_user() {
  export KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_MECHANISM=SCRAM-SHA-512
  KAFKA_SASL_JAAS_CONFIG=$(sed -n 's/^sasl\.jaas\.config=//p' "$1/$2.properties")
  export KAFKA_SASL_JAAS_CONFIG
}
