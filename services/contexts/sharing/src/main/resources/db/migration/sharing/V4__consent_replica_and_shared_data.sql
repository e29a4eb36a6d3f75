-- At a receiving agency: the consents that concern it (replicated from the mental health agency's messages).
create table consent_replica (
    consent_id    uuid         not null,
    client_id     varchar(64)  not null,
    effect        varchar(10)  not null,
    categories    varchar(200) not null,
    purposes      varchar(200) not null,
    valid_from    date         not null,
    valid_until   date         not null,
    ended_at      timestamptz,
    end_reason    varchar(20),
    last_event_id uuid         not null,
    constraint consent_replica_pk primary key (consent_id)
);
create index consent_replica_client_idx on consent_replica (client_id);

-- At a receiving agency: what another agency shared about a client, one row per category, encrypted with this
-- agency's own key for the client. Deleted (and the key destroyed) when the consent ends.
create table shared_client_data (
    client_id         varchar(64) not null,
    category          varchar(30) not null,
    ciphertext        text        not null,
    consent_id        uuid        not null,
    purpose           varchar(30) not null,
    received_event_id uuid        not null,
    received_at       timestamptz not null,
    constraint shared_client_data_pk primary key (client_id, category)
);
