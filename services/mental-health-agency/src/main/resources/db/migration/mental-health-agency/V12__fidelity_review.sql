-- IPS-25 reviews of the agency's IPS teams (team-level data).
create table fidelity_review (
    review_id              varchar(36)  not null,
    team                   varchar(200) not null,
    review_date            date         not null,
    reviewer               varchar(200) not null,
    reviewer_organisation  varchar(200) not null,
    training_organisation  varchar(200) not null,
    items                  jsonb        not null,
    total                  int          not null,
    band                   varchar(20)  not null,
    independent            boolean      not null,
    last_event_id          varchar(255) not null,
    constraint fidelity_review_pk primary key (review_id)
);
create index fidelity_review_team_date_idx on fidelity_review (team, review_date desc);
