-- Every environment a write was checked against: the one its path names and every one whose served state it alters.
alter table audit_log add column checked_environments text;
