package io.envguard.deployment.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as PostgreSQL stores them, so that an answer and a later read of the same row show the same time. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
