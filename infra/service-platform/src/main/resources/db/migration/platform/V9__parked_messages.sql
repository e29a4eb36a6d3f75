-- Inbound messages that kept failing, parked per client (their "sequence") so that other clients keep flowing,
-- and later messages about the same client wait behind them in order. Personal data in a parked message is
-- encrypted with the client's data key (crypto-shredding reaches it too). Administrators see the metadata only.
create table parked_message (
    id              bigserial    not null,
    event_id        uuid         not null,
    sequence_key    text         not null,
    topic           text         not null,
    event_type      varchar(200) not null,
    source_agency   varchar(40)  not null,
    encrypted       boolean      not null,
    message         bytea        not null,
    reason          varchar(1000) not null,
    attempts        integer      not null,
    parked_at       timestamptz  not null,
    last_attempt_at timestamptz,
    constraint parked_message_pk primary key (id),
    constraint parked_message_event_uk unique (event_id)
);
create index parked_message_sequence_ix on parked_message (sequence_key, id);

-- What became of parked messages: retried successfully, discarded by an administrator (with the reason), or
-- erased with the client's data key.
create table parked_message_resolution (
    id            bigserial    not null,
    event_id      uuid         not null,
    sequence_key  text         not null,
    event_type    varchar(200) not null,
    outcome       varchar(20)  not null,
    resolved_by   varchar(100) not null,
    reason        varchar(1000),
    resolved_at   timestamptz  not null,
    constraint parked_message_resolution_pk primary key (id)
);
create index parked_message_resolution_time_ix on parked_message_resolution (resolved_at desc);
