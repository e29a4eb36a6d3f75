-- The decision makers' measures read projections of the status events, kept up to date in the transaction that
-- records the events (StatusProjection, ADR 25), instead of scanning every status event on each view. V20 (a Java
-- migration, RebuildStatusProjection) fills them from the status events stored before.

-- One row per trajectory or funding step: the typed columns the measures filter and count on. Ids sort bytewise
-- (collation "C"): they are compared and grouped, never shown in a language's order.
-- For an intake session: previous_on, the day of the trajectory's intake session before it (trajectories with an
-- intake in a period are the intakes in it whose previous one lies before it); for a placement start: referred_on,
-- the day of the trajectory's first referral. Both are worked out again whenever a step of the trajectory arrives.
create table status_step (
    event_id            uuid         not null,
    event_type          varchar(100) not null,
    trajectory_id       varchar(100) collate "C" not null,
    step                varchar(40)  not null,
    on_date             date         not null,
    competitive         boolean      not null,
    days_since_referral integer,
    funder              varchar(30),
    amount              numeric,
    specialist          varchar(100),
    previous_on         date,
    referred_on         date,
    occurred_at         timestamptz  not null,
    received_at         timestamptz  not null,
    constraint status_step_pk primary key (event_id)
);
create index status_step_by_step on status_step (event_type, step, on_date)
    include (competitive, days_since_referral, previous_on, referred_on);
create index status_step_by_trajectory on status_step (trajectory_id);

-- Steps per day of the step (its "on" date): additive counts and amounts, summed over a period's days.
-- funder is '' for a step without one (part of the key).
create table status_step_day (
    day           date         not null,
    event_type    varchar(100) not null,
    step          varchar(40)  not null,
    funder        varchar(30)  not null,
    competitive   boolean      not null,
    events        bigint       not null,
    amount        numeric      not null,
    last_event_id uuid         not null,
    constraint status_step_day_pk primary key (event_type, step, day, funder, competitive)
);

-- Status events per type and day (UTC) they occurred: the counts of GET /api/status.
create table status_event_day (
    event_type    varchar(100) not null,
    day           date         not null,
    events        bigint       not null,
    last_event_id uuid         not null,
    constraint status_event_day_pk primary key (event_type, day)
);

-- One row per trajectory: its (first) referral with the specialist, and its (first) closure.
create table status_trajectory (
    trajectory_id        varchar(100) collate "C" not null,
    referred_on          date,
    specialist           varchar(100),
    referred_by_event_id uuid,
    closed_on            date,
    closed_by_event_id   uuid,
    constraint status_trajectory_pk primary key (trajectory_id)
);
create index status_trajectory_by_referral on status_trajectory (referred_on) include (closed_on, specialist);

-- The spans of days a trajectory is in competitive work: from a competitive placement's start up to (not including)
-- the day of the trajectory's next placement step (a start, an end or the closure); open while there is none.
create table status_work_span (
    started_by_event_id uuid         not null,
    trajectory_id       varchar(100) collate "C" not null,
    started_on          date         not null,
    ended_on            date,
    ended_by_event_id   uuid,
    constraint status_work_span_pk primary key (started_by_event_id)
);
create index status_work_span_by_trajectory on status_work_span (trajectory_id);
