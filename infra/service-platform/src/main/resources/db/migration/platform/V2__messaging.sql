-- Inbound messages already handled, by event id: redelivered Kafka messages are recognised and skipped.
create table processed_message (
    event_id      uuid         not null,
    event_type    varchar(100) not null,
    source_agency varchar(30)  not null,
    topic         varchar(100) not null,
    processed_at  timestamptz  not null default now(),
    constraint processed_message_pk primary key (event_id)
);

-- De-identified status events received on ips.status (no personal data: pseudonymous ids, dates, counts).
-- Each row remembers the event that produced it (event_id).
create table status_event (
    event_id      uuid         not null,
    event_type    varchar(100) not null,
    source_agency varchar(30)  not null,
    subject       varchar(100) not null,
    occurred_at   timestamptz  not null,
    payload       jsonb        not null,
    received_at   timestamptz  not null default now(),
    constraint status_event_pk primary key (event_id)
);
create index status_event_type_occurred_idx on status_event (event_type, occurred_at);
