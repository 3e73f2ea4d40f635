package io.envguard.deployment.telemetry;

/** A log line's severity, lowest first (Baseten's LogLevelV1). */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR
}
