-- Per-client data keys for crypto-shredding: deleting a row makes that client's encrypted data unreadable.
create table client_data_key (
    client_id  varchar(64) not null,
    data_key   bytea       not null,
    created_at timestamptz not null,
    constraint client_data_key_pk primary key (client_id)
);

-- db-scheduler's table: Axon's persistent deadlines (consent expiry, payments falling due) survive restarts.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    constraint scheduled_tasks_pk primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
