-- A caller's organisation is looked up by email, the latest row first (a move between organisations may leave two while
-- it is projected). With the row id in the index, that lookup reads one index entry whatever the planner knows of the
-- table; with the email alone, a planner without statistics walked the primary key backwards over every member.
CREATE INDEX member_email_latest ON member (email, id);
DROP INDEX member_email;
