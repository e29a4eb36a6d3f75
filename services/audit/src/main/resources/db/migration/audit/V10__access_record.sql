-- Every access record of every agency, as received on ips.audit. Each row remembers the message that brought it.
create table access_record (
    record_id     uuid         not null,
    time          timestamptz  not null,
    agency        varchar(30)  not null,
    user_id       varchar(100) not null,
    role          varchar(40),
    client_id     varchar(64)  not null,
    categories    varchar(200) not null,
    action        varchar(20)  not null,
    purpose       varchar(30),
    consent_id    uuid,
    outcome       varchar(10)  not null,
    reason        varchar(500),
    source_agency varchar(30)  not null,
    event_id      uuid         not null,
    received_at   timestamptz  not null default now(),
    constraint access_record_pk primary key (record_id)
);
create index access_record_client_time_idx on access_record (client_id, time desc);
create index access_record_user_time_idx on access_record (user_id, time desc);
create index access_record_agency_time_idx on access_record (agency, time desc);
create index access_record_time_idx on access_record (time desc);
