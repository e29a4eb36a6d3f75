-- The intake consultations received, as facts: the client's intake lines are computed from all of them in the order
-- of their dates (ADR 0047), so the covenant's maximum of hours per client falls on the same sessions whatever the
-- order in which they arrive.
create table intake_session (
    line_id        varchar(120)  not null,
    trajectory_id  varchar(36)   not null,
    client_id      varchar(36)   not null,
    session_number integer       not null,
    session_date   date          not null,
    billable_hours numeric(6,2)  not null,
    event_id       varchar(255)  not null,
    constraint intake_session_pk primary key (line_id)
);
create index intake_session_client_idx on intake_session (client_id);

-- Sessions billed before this table: their billed hours are what is known of them.
insert into intake_session (line_id, trajectory_id, client_id, session_number, session_date, billable_hours, event_id)
select line_id, trajectory_id, client_id, cast(substring(line_id from '[0-9]+$') as integer), due_date, hours,
       last_event_id
from payment_line where type = 'INTAKE' and hours is not null;
