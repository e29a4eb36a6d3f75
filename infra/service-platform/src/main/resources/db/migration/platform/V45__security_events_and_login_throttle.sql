-- What happened at the door of this service (ADR 35): every failed or throttled login, with the user name as typed
-- (control characters replaced, at most 200 characters) and the source address; never a password.
create table security_event (
    id             bigserial    not null,
    occurred_at    timestamptz  not null,
    kind           varchar(40)  not null,
    username       varchar(200) not null,
    source_address varchar(100) not null,
    channel        varchar(20)  not null,
    constraint security_event_pk primary key (id)
);
create index security_event_occurred_ix on security_event (occurred_at);

-- The login throttle's state, shared by every instance of the service: one row per account name (lower case) and
-- one per source address that failed recently. A row is blocked until blocked_until; lockouts counts the blocks in
-- a row, so each is longer than the one before, up to a bound.
create table login_throttle (
    throttle_key    varchar(220) not null,
    failures        integer      not null,
    window_started  timestamptz  not null,
    blocked_until   timestamptz,
    lockouts        integer      not null,
    last_failure_at timestamptz  not null,
    constraint login_throttle_pk primary key (throttle_key)
);
create index login_throttle_last_failure_ix on login_throttle (last_failure_at);
