-- Models and chains share one table: chains mirror models in every rule the service enforces.
create table workloads (
    id              uuid primary key,
    kind            varchar(8)   not null check (kind in ('MODEL', 'CHAIN')),
    organization_id varchar(64)  not null,
    team_id         varchar(64)  not null,
    name            varchar(256) not null,
    created_at      timestamptz  not null
);
create index workloads_by_organization on workloads (organization_id, kind, created_at);

create table deployments (
    id                            uuid primary key,
    workload_id                   uuid         not null references workloads (id),
    name                          varchar(256) not null,
    status                        varchar(32)  not null,
    instance_type                 varchar(64)  not null,
    min_replica                   integer      not null,
    max_replica                   integer      not null,
    autoscaling_window            integer      not null,
    scale_down_delay              integer      not null,
    concurrency_target            integer      not null,
    target_utilization_percentage integer      not null,
    created_at                    timestamptz  not null
);
create index deployments_by_workload on deployments (workload_id, created_at);

create table chainlets (
    deployment_id                 uuid        not null references deployments (id),
    name                          varchar(64) not null,
    min_replica                   integer     not null,
    max_replica                   integer     not null,
    autoscaling_window            integer     not null,
    scale_down_delay              integer     not null,
    concurrency_target            integer     not null,
    target_utilization_percentage integer     not null,
    primary key (deployment_id, name)
);

create table environments (
    id                         uuid primary key,
    workload_id                uuid        not null references workloads (id),
    name                       varchar(64) not null,
    current_deployment_id      uuid references deployments (id),
    candidate_deployment_id    uuid references deployments (id),
    redeploy_on_promotion      boolean     not null,
    rolling_deploy             boolean     not null,
    promotion_cleanup_strategy varchar(16) not null,
    ramp_up_while_promoting    boolean     not null,
    ramp_up_duration_seconds   integer     not null,
    created_at                 timestamptz not null,
    unique (workload_id, name)
);

create table audit_log (
    id              bigint generated always as identity primary key,
    organization_id varchar(64)  not null,
    at              timestamptz  not null,
    user_id         varchar(64)  not null,
    email           varchar(320),
    credential      varchar(16)  not null,
    api_key_prefix  varchar(64),
    action          varchar(32)  not null,
    outcome         varchar(16)  not null,
    reason          varchar(32),
    revision        bigint,
    environment     varchar(64),
    workload_kind   varchar(8),
    workload_id     uuid,
    deployment_id   uuid,
    details         varchar(2000)
);
create index audit_log_by_organization on audit_log (organization_id, id);
