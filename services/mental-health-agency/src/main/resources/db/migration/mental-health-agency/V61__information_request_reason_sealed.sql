-- A clinician's words on an information request are free text about the client: stored sealed under the client's
-- IDENTIFICATION key from now on (ADR 38), longer than the 500 characters of the words themselves. The requesting
-- agency is told a code instead (ADR 40); answers given before have the code their answer would have had.
alter table information_request alter column reason type text;
alter table information_request add column reason_code varchar(40);
update information_request set reason_code = case
        when outcome = 'CONSENT_REQUIRED' then 'NOT_COVERED_BY_CONSENT'
        when reason = 'the mental health agency has no client with this id' then 'UNKNOWN_CLIENT'
        else 'OTHER' end
    where outcome is not null and outcome <> 'GRANTED';
