-- An answer to an information request carries a coded reason, no longer the clinician's words (ADR 40). The words
-- an earlier version received are replaced by the code their answer would have had, so no copy is kept here.
update information_request_sent set reason = case
        when outcome = 'CONSENT_REQUIRED' then 'NOT_COVERED_BY_CONSENT'
        when reason = 'the mental health agency has no client with this id' then 'UNKNOWN_CLIENT'
        else 'OTHER' end
    where outcome is not null and outcome <> 'GRANTED';
update information_request_sent set reason = null where outcome = 'GRANTED';
