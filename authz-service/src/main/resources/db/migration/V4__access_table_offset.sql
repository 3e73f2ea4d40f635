-- How far into each partition of the event topic the access table holds every event, as of the last bulk load (a
-- rebuild, or a replica's bootstrap from an empty or far behind table): written in the transaction that swaps the loaded
-- tables in. The consumers of the group start no earlier in a partition than its offset here, so that what was loaded
-- in bulk is not read and skipped again record by record (docs/architecture.md, "Bootstrap").
CREATE TABLE access_table_offset (
    topic_partition INT    PRIMARY KEY,
    next_offset     BIGINT NOT NULL
);
