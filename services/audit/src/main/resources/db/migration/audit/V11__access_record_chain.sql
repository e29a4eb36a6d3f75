-- Tamper evidence: the access records of each source agency form a hash chain in the order they arrived.
-- record_hash = HMAC-SHA256(key, canonical record | chain_position | previous_hash); the key is not in the database,
-- so changing, deleting or reordering a record directly in the database breaks the chain where it happened.
alter table access_record add column chain_position bigint;
alter table access_record add column previous_record_id uuid;
alter table access_record add column previous_hash varchar(64);
alter table access_record add column record_hash varchar(64);
create unique index access_record_chain_idx on access_record (source_agency, chain_position);

-- The head of each chain: deleting the newest record is detected too.
create table access_chain_head (
    source_agency  varchar(30) not null,
    chain_position bigint      not null,
    record_id      uuid        not null,
    record_hash    varchar(64) not null,
    constraint access_chain_head_pk primary key (source_agency)
);
