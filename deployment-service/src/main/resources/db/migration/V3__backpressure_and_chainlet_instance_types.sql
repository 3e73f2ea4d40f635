-- A deployment's request backpressure policy (QUEUE_ON_FULL, REJECT_ON_FULL), null when none is set.
alter table deployments add column backpressure_policy varchar(16);
-- A chainlet's own instance type, set through chainlet_settings/instance_types/update; null means the deployment's.
alter table chainlets add column instance_type varchar(64);
