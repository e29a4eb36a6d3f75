-- Every message is signed by the agency that sends it (ADR 31). A parked message keeps the signature it came with, so
-- that a retry verifies its stored bytes again; a message refused on receipt (unsigned, unknown key, bad signature,
-- signed by another agency than it names) is kept here too, flagged, under a sequence of its own, never retried. A
-- refused copy and the genuine message may carry the same event id: each is kept once.
alter table parked_message add column refused boolean not null default false;
alter table parked_message add column signature bytea;
alter table parked_message add column signing_key_id varchar(100);
alter table parked_message drop constraint parked_message_event_uk;
alter table parked_message add constraint parked_message_event_uk unique (event_id, refused);
