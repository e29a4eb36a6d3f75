-- The covenant version an approval is under, as the trajectory recorded the funder's decision (ADR 52), and whether it
-- did: decisions kept before trajectories recorded them are told to their trajectories once, at start-up.
alter table trajectory_funding_decision add column covenant_version varchar(40);
alter table trajectory_funding_decision add column recorded_by_trajectory boolean not null default false;
