-- Run once by the postgres image on an empty data directory: one database per service (docs/architecture.md).
CREATE DATABASE envguard_environment;
CREATE DATABASE envguard_authz;
CREATE DATABASE envguard_deployment;
