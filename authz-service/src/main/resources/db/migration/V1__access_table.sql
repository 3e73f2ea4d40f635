-- The access table: a projection of envguard.environment.events, rebuilt from the topic at will.

-- How far each organisation's events have been applied; written in the same transaction as the rows they change.
CREATE TABLE organization_position (
    organization_id TEXT PRIMARY KEY,
    revision        BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Events that arrived ahead of a missing revision; applied once the gap closes.
CREATE TABLE held_event (
    organization_id TEXT        NOT NULL,
    revision        BIGINT      NOT NULL,
    payload         TEXT        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, revision)
);

CREATE TABLE member (
    id              BIGSERIAL PRIMARY KEY,
    organization_id TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    email           TEXT    NOT NULL,
    name            TEXT,
    role            TEXT    NOT NULL,
    demoted         BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (organization_id, user_id)
);
CREATE INDEX member_email ON member (email);

CREATE TABLE team (
    id              BIGSERIAL PRIMARY KEY,
    organization_id TEXT    NOT NULL,
    team_id         TEXT    NOT NULL,
    name            TEXT,
    is_default      BOOLEAN NOT NULL,
    UNIQUE (organization_id, team_id)
);

-- Explicit team roles; membership of the default team is implied by organisation membership.
CREATE TABLE team_member (
    id              BIGSERIAL PRIMARY KEY,
    organization_id TEXT NOT NULL,
    team_id         TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    role            TEXT NOT NULL,
    UNIQUE (organization_id, team_id, user_id)
);

CREATE TABLE environment_group (
    id              BIGSERIAL PRIMARY KEY,
    organization_id TEXT    NOT NULL,
    team_id         TEXT    NOT NULL,
    environment     TEXT    NOT NULL,
    restricted      BOOLEAN NOT NULL,
    UNIQUE (organization_id, team_id, environment)
);

CREATE TABLE access_grant (
    id              BIGSERIAL PRIMARY KEY,
    organization_id TEXT    NOT NULL,
    team_id         TEXT    NOT NULL,
    environment     TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    expires_at      TIMESTAMPTZ,
    expired         BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (organization_id, team_id, environment, user_id)
);

CREATE TABLE api_key (
    prefix          TEXT PRIMARY KEY,
    organization_id TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    name            TEXT,
    type            TEXT,
    secret_sha256   TEXT    NOT NULL,
    deleted         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX api_key_organization ON api_key (organization_id);
