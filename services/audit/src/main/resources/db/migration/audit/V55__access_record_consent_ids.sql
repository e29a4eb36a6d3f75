-- An access record names every consent its read or disclosure rested on (AccessRecorded revision 2). consent_id keeps
-- the first (null: none), as the API's consentId and the anomaly index read it. hash_version says what the record's
-- hash covers: 1, as it always did, consent_id (consent_ids null); 2, also consent_ids (AccessRecordChain). Records
-- stored before this keep version 1 and verify exactly as they were hashed.
alter table access_record add column consent_ids uuid[];
alter table access_record add column hash_version smallint not null default 1;
