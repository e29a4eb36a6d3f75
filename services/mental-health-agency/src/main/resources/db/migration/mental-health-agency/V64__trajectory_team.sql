-- A trajectory's IPS team and its specialist assigned (ADR 0045); null team: stored before trajectories named one,
-- read as the agency's configured default team.
alter table trajectory add column team varchar(200);
alter table trajectory add column specialist varchar(100);
create index trajectory_team_idx on trajectory (team);
