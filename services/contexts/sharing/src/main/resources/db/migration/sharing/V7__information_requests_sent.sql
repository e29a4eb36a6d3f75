-- At a requesting agency: the information requests it sent to the mental health agency, and their answers.
create table information_request_sent (
    request_id         varchar(36)  not null,
    client_id          varchar(64)  not null,
    categories         varchar(200) not null,
    purpose            varchar(30)  not null,
    requested_by       varchar(100) not null,
    requested_at       timestamptz  not null,
    outcome            varchar(30),
    granted_categories varchar(200),
    reason             varchar(500),
    last_event_id      varchar(255) not null,
    constraint information_request_sent_pk primary key (request_id)
);
