-- Each access record keeps the signature of the message that brought it and the id of the key that made it (ADR 31):
-- base64 of Ed25519's 64 bytes. Null for the audit service's own records (exports), which never travelled, and for
-- records received before messages were signed.
alter table access_record add column signature varchar(100);
alter table access_record add column signing_key_id varchar(100);
