-- The replicas of authz-service that may answer checks from memory (docs/architecture.md, "Replicas"). A change's
-- confirmation waits until every row has acknowledged a barrier taken after the change committed, or until its lease
-- has run out and it is fenced (its row deleted).
CREATE TABLE authz_replica (
    replica_id    TEXT PRIMARY KEY,
    -- New at each registration: a renewal names the epoch it holds and fails once the row is fenced or replaced.
    epoch         BIGINT      NOT NULL,
    -- The highest barrier this replica has heard on its listening connection, after every commit before it.
    heard_through BIGINT      NOT NULL,
    -- Until when the replica may answer from memory, by this database's clock, plus a grace.
    lease_until   TIMESTAMPTZ NOT NULL
);

-- Barriers, heartbeats and epochs: a value taken after a commit is notified after that commit's own notification.
CREATE SEQUENCE authz_barrier_seq;
