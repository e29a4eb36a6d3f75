-- Same-day reviews are ordered by when they were recorded (ADR 0045); null for reviews recorded before: they sort
-- after any recorded the same day since. The provider's organisation a review's independence was judged against.
alter table fidelity_review add column recorded_at timestamp with time zone;
alter table fidelity_review add column provider_organisation varchar(200);
drop index fidelity_review_team_date_idx;
create index fidelity_review_team_date_idx on fidelity_review (team, review_date desc, recorded_at desc);
