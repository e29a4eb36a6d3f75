-- Trajectories at the mental health agency.
create table trajectory (
    trajectory_id          varchar(36)  not null,
    client_id              varchar(36)  not null,
    benefit                varchar(30)  not null,
    funder                 varchar(30),
    referred_on            date         not null,
    job_preferences        text         not null,
    intake_sessions        int          not null default 0,
    intake_hours_billed    numeric(6,2) not null default 0,
    applied_on             date,
    funding_refusal        varchar(500),
    first_employer_contact date,
    closed_on              date,
    close_reason           varchar(500),
    last_event_id          varchar(255) not null,
    constraint trajectory_pk primary key (trajectory_id)
);
create index trajectory_client_idx on trajectory (client_id);

create table trajectory_placement (
    placement_id       varchar(36)   not null,
    trajectory_id      varchar(36)   not null,
    employer           varchar(200)  not null,
    job_title          varchar(200)  not null,
    competitive        boolean       not null,
    hours_per_week     numeric(5,2)  not null,
    monthly_gross_wage numeric(10,2) not null,
    start_date         date          not null,
    end_date           date,
    end_reason         varchar(500),
    last_event_id      varchar(255)  not null,
    constraint trajectory_placement_pk primary key (placement_id)
);
create index trajectory_placement_trajectory_idx on trajectory_placement (trajectory_id);
