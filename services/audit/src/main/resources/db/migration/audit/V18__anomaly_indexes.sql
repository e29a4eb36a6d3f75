-- The auditors' anomaly queries without a walk through the whole trail (ADR 24).
-- Reads without valid consent are rare: a partial index holds just them, newest first. Its predicate is the query's
-- own (AccessRecordProjection.anomalies), word for word, so that PostgreSQL can use it.
create index access_record_without_consent_idx on access_record (time desc, record_id)
    where action = 'VIEW' and agency <> 'MENTAL_HEALTH'
    and (outcome = 'DENIED' and reason like '%consent%' or outcome = 'PERMITTED' and consent_id is null);
-- Reads after a revocation start from the erasures (one per revoked consent and agency), then look forward in that
-- client's records through access_record_client_time_idx.
create index access_record_erase_idx on access_record (client_id, agency, time) where action = 'ERASE';
