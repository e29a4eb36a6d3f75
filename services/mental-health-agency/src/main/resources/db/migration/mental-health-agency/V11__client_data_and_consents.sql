-- Health information per client and category: ciphertext only (the client's data key is in client_data_key).
create table client_health (
    client_id     varchar(36)  not null,
    category      varchar(30)  not null,
    ciphertext    text         not null,
    last_event_id varchar(255) not null,
    constraint client_health_pk primary key (client_id, category)
);

-- Employment information: job preferences and the client's disclosure choice towards employers.
create table client_employment (
    client_id              varchar(36)  not null,
    job_preferences        text         not null,
    disclosure_to_employer boolean      not null,
    last_event_id          varchar(255) not null,
    constraint client_employment_pk primary key (client_id)
);

-- The clients' consents, as given, revoked or expired.
create table consent (
    consent_id    varchar(36)  not null,
    client_id     varchar(36)  not null,
    effect        varchar(10)  not null,
    recipients    varchar(200) not null,
    categories    varchar(200) not null,
    purposes      varchar(200) not null,
    valid_from    date         not null,
    valid_until   date         not null,
    ended_at      timestamptz,
    end_reason    varchar(20),
    revoke_reason varchar(500),
    last_event_id varchar(255) not null,
    constraint consent_pk primary key (consent_id)
);
create index consent_client_idx on consent (client_id);
