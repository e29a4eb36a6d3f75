-- Transit keys this agency received from a sender (issue 27, ADR 30): the key that opens one category of one
-- client's sealed messages, stored encrypted with the client's own data key (so erasing the client erases them)
-- and destroyed when no consent covers the category any more.
create table received_transit_key (
    key_id      uuid        not null,
    client_id   varchar(64) not null,
    category    varchar(40) not null,
    sealed_key  text        not null,
    received_at timestamptz not null,
    constraint received_transit_key_pk primary key (key_id)
);
create index received_transit_key_client_ix on received_transit_key (client_id, category);

-- A request for a transit key waiting for its answer: the private half of the key pair made for this request
-- alone (encrypted with the client's data key), destroyed when the answer arrives.
create table transit_key_request (
    key_id             uuid        not null,
    client_id          varchar(64) not null,
    category           varchar(40) not null,
    sender             varchar(40) not null,
    sealed_private_key text        not null,
    requested_at       timestamptz not null,
    constraint transit_key_request_pk primary key (key_id)
);

-- A message parked until the sender's answer about a transit key: which key it waits for.
alter table parked_message add column awaited_key_id uuid;
create index parked_message_awaited_key_ix on parked_message (awaited_key_id) where awaited_key_id is not null;
