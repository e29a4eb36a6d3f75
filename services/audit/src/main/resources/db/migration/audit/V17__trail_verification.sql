-- Verifications of the whole trail (ADR 24). Walking every chain takes time in proportion to the trail (every record
-- read and its HMAC computed again), so the trail page shows the newest verification instead of walking the chains
-- on every view. One row per verification: when it ran, who asked for it, and what it found.
create table trail_verification (
    verification_id        bigint       generated always as identity,
    trigger                varchar(16)  not null, -- SCHEDULE, AUDITOR (the page's button) or API
    requested_by           varchar(100) not null, -- 'system' for the schedule, else the auditor's user id
    started_at             timestamptz  not null,
    finished_at            timestamptz  not null,
    intact                 boolean      not null,
    checked                bigint       not null,
    first_broken_record_id uuid,
    broken_agency          varchar(30),
    reason                 varchar(200),
    constraint trail_verification_pk primary key (verification_id)
);
create index trail_verification_finished_idx on trail_verification (finished_at desc, verification_id desc);
