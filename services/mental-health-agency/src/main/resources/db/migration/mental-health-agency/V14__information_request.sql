-- Information requests from other agencies and their answers.
create table information_request (
    request_id         varchar(36)  not null,
    client_id          varchar(36)  not null,
    requesting_agency  varchar(30)  not null,
    requested_by       varchar(100) not null,
    role               varchar(40),
    categories         varchar(200) not null,
    purpose            varchar(30)  not null,
    requested_at       timestamptz  not null,
    outcome            varchar(30),
    granted_categories varchar(200),
    reason             varchar(500),
    decided_by         varchar(100),
    last_event_id      varchar(255) not null,
    constraint information_request_pk primary key (request_id)
);
create index information_request_open_idx on information_request (requested_at) where outcome is null;
