-- Decisions taken in practitioner meetings, as this agency recorded them.
create table meeting_decision (
    decision_id   varchar(36)  not null,
    meeting_date  date         not null,
    case_ref      varchar(64)  not null,
    kind          varchar(30)  not null,
    qualifies     boolean,
    action        varchar(500),
    owner         varchar(100),
    due           date,
    note          varchar(500),
    decided_by    varchar(100) not null,
    last_event_id varchar(255) not null,
    constraint meeting_decision_pk primary key (decision_id)
);
create index meeting_decision_meeting_idx on meeting_decision (meeting_date, case_ref);
