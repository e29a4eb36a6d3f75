-- The transit keys that seal personal data on its way to another agency (issue 27, ADR 30): one current key per
-- (client, recipient agency, category), a new version after the previous one was destroyed. The key is stored
-- encrypted with the client's own data key (erasing the client erases it); destroying it empties sealed_key and
-- keeps the row, so that the next version is numbered on and a request for the old key id is refused by name.
create table transit_key (
    key_id       uuid        not null,
    client_id    varchar(64) not null,
    recipient    varchar(40) not null,
    category     varchar(40) not null,
    version      integer     not null,
    sealed_key   text,
    created_at   timestamptz not null,
    destroyed_at timestamptz,
    constraint transit_key_pk primary key (key_id),
    constraint transit_key_version_uk unique (client_id, recipient, category, version)
);
