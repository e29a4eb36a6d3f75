-- What each verification verified (ADR 32): per chain that it found intact, how many records it walked and the head
-- it reached. A later verification compares the chains with the newest of these, so that fewer records, an older
-- head or a head that does not follow the remembered one is reported and the chain named. The same heads are
-- witnessed outside this database by signed checkpoints on ips.audit.checkpoints.
create table trail_verification_head (
    verification_id bigint      not null references trail_verification on delete cascade,
    chain           varchar(30) not null,
    records         bigint      not null,
    head_position   bigint      not null,
    head_record_id  uuid        not null,
    head_hash       varchar(64) not null,
    constraint trail_verification_head_pk primary key (verification_id, chain)
);
create index trail_verification_head_chain_idx on trail_verification_head (chain, verification_id desc);
-- a reason now names what was witnessed and when, and the checkpoint a verification compared with
alter table trail_verification alter column reason type varchar(500);
alter table trail_verification add column problems text;
alter table trail_verification add column checkpoint_note varchar(500);
