-- A consent's revocation reason is free text about the client: stored sealed under the client's IDENTIFICATION key
-- from now on (ADR 38), which is longer than the 500 characters of the reason itself. Reasons stored before stay
-- readable as they are.
alter table consent alter column revoke_reason type text;
