-- One practitioner meeting (ADR 49): a decision names the agency that recorded it, the client and the trajectory
-- (the funding application) of its case. Rows received through the consent gate (shared) are checked against the
-- consent replica at every read and hold their texts sealed under the client's key, so they are wider than the
-- texts they hold. Rows from before read as this agency's own, about a case whose client is not known.
alter table meeting_decision add column recorded_at varchar(30);
alter table meeting_decision add column client_id varchar(64);
alter table meeting_decision add column trajectory_id varchar(64);
alter table meeting_decision add column shared boolean not null default false;
alter table meeting_decision alter column action type varchar(2000);
alter table meeting_decision alter column owner type varchar(1000);
create index meeting_decision_trajectory_idx on meeting_decision (trajectory_id);
create index meeting_decision_client_idx on meeting_decision (client_id) where shared;
