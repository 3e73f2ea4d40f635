-- Organisations whose access cannot be decided from the table: an event of theirs could not be applied, or a gap in their
-- revisions did not close in time. Their checks answer 503 until an operator repairs them (docs/operations.md). Kept
-- outside the rebuilt tables: a rebuild of the whole table does not make a broken organisation whole.
CREATE TABLE broken_organization (
    organization_id TEXT PRIMARY KEY,
    -- The organisation's applied revision when it was marked: what checks would otherwise have answered from.
    revision        BIGINT      NOT NULL,
    reason          TEXT        NOT NULL,
    marked_at       TIMESTAMPTZ NOT NULL
);
