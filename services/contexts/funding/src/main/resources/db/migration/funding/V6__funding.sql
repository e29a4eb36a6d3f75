-- At a funder: funding applications received and their decisions.
create table funding_application (
    application_id varchar(36)  not null,
    client_id      varchar(36)  not null,
    funder         varchar(30)  not null,
    benefit        varchar(30)  not null,
    referred_on    date         not null,
    applied_on     date         not null,
    status         varchar(20)  not null,
    start_date     date,
    reason         varchar(500),
    last_event_id  varchar(255) not null,
    constraint funding_application_pk primary key (application_id)
);

-- Payment lines of a funder (or the insurer's intake lines). A line id exists once: nothing is scheduled twice.
create table payment_line (
    line_id        varchar(120)  not null,
    trajectory_id  varchar(36)   not null,
    client_id      varchar(36)   not null,
    type           varchar(20)   not null,
    amount         numeric(12,2) not null,
    due_date       date          not null,
    status         varchar(20)   not null,
    hours          numeric(6,2),
    last_event_id  varchar(255)  not null,
    constraint payment_line_pk primary key (line_id)
);
create index payment_line_trajectory_idx on payment_line (trajectory_id, due_date);
create index payment_line_client_type_idx on payment_line (client_id, type);
