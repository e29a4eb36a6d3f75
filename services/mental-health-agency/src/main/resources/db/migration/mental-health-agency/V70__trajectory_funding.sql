-- What the funder decided about a trajectory's funding application and its payment lines, from the funder's messages
-- (ADR 46). Each value is kept with the funder's sequence number it came with and replaced only by a later one, so
-- redelivered and reordered messages leave the same rows. No words: reasons are codes.
create table trajectory_funding_decision (
    trajectory_id varchar(36) not null,
    funder        varchar(30) not null,
    decision      varchar(30) not null,
    start_date    date,
    decided_on    date        not null,
    reason_code   varchar(40),
    sequence      bigint      not null,
    constraint trajectory_funding_decision_pk primary key (trajectory_id)
);

create table trajectory_payment_line (
    trajectory_id   varchar(36)   not null,
    line_id         varchar(200)  not null,
    funder          varchar(30)   not null,
    type            varchar(30),
    amount          numeric(10,2),
    due_date        date,
    due_sequence    bigint,
    status          varchar(20)   not null,
    status_sequence bigint        not null,
    paid_on         date,
    constraint trajectory_payment_line_pk primary key (trajectory_id, line_id)
);
