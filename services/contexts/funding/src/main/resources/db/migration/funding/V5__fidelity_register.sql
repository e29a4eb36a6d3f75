-- At a funder: the IPS teams' fidelity reviews, as received from the mental health agency (team-level data).
-- Funding is approved only when the team's most recent review is FAIR or better.
create table fidelity_register (
    review_id     varchar(36)  not null,
    team          varchar(200) not null,
    review_date   date         not null,
    total         int          not null,
    band          varchar(20)  not null,
    independent   boolean      not null,
    last_event_id uuid         not null,
    constraint fidelity_register_pk primary key (review_id)
);
create index fidelity_register_team_date_idx on fidelity_register (team, review_date desc);
