-- Axon's event store and token store, in the exact layout of Axon's PostgreSQL table factories
-- (default EventSchema / TokenSchema names; PostgreSQL folds them to lower case).
CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA        NULL,
    tokentype     VARCHAR(255) NULL,
    timestamp     VARCHAR(255) NULL,
    owner         VARCHAR(255) NULL,
    PRIMARY KEY (processorname, segment)
);

-- Users known to the platform. A user id is assigned the first time an email is seen; organization_id enforces
-- "one organisation per user" in the same transaction as the events that add or remove the user.
CREATE TABLE users (
    user_id         UUID         PRIMARY KEY,
    email           VARCHAR(320) NOT NULL UNIQUE,
    name            VARCHAR(200),
    organization_id UUID
);

-- API keys by prefix, only the SHA-256 of the whole key; maintained in the transaction of the ApiKey* events.
CREATE TABLE api_keys (
    prefix          VARCHAR(64) PRIMARY KEY,
    organization_id UUID        NOT NULL,
    user_id         UUID        NOT NULL,
    secret_sha256   VARCHAR(64) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- Grants that end by themselves; maintained in the transaction of the grant events, polled by the expiry scheduler.
CREATE TABLE grant_expiries (
    organization_id UUID         NOT NULL,
    team_id         UUID         NOT NULL,
    environment     VARCHAR(64)  NOT NULL,
    user_id         UUID         NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, team_id, environment, user_id)
);
CREATE INDEX grant_expiries_due ON grant_expiries (expires_at);
