-- The fidelity gate per team (ADR 0045): same-day reviews are ordered by when they were recorded at the mental health
-- agency (null for reviews received before: they sort after any recorded the same day), and each application names
-- the team its trajectory belongs to (none for applications received before applications named one).
alter table fidelity_register add column recorded_at timestamp with time zone;
drop index fidelity_register_team_date_idx;
create index fidelity_register_team_date_idx on fidelity_register (team, review_date desc, recorded_at desc);

create table funding_application_team (
    application_id varchar(36)  not null,
    team           varchar(200) not null,
    last_event_id  uuid         not null,
    constraint funding_application_team_pk primary key (application_id)
);
