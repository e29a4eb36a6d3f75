-- An inbound reader's first step for a poll, in one round trip instead of two per message (ADR 20): takes the
-- transaction-scoped advisory lock of each client sequence (the lock ParkedMessages.lockSequence takes for one), in
-- key order, and only then answers which of the sequences hold parked messages.
create function lock_sequences_and_find_parked(sequence_keys text[]) returns setof text
    language plpgsql volatile as $$
declare
    sequence_key_to_lock text;
begin
    for sequence_key_to_lock in select distinct k from unnest(sequence_keys) k where k is not null order by 1 loop
        perform pg_advisory_xact_lock(hashtextextended(sequence_key_to_lock, 7160));
    end loop;
    return query select distinct p.sequence_key from parked_message p where p.sequence_key = any (sequence_keys);
end
$$;
