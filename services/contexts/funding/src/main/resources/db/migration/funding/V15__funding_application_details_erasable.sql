-- At a funder: what the mental health agency sent about an application (benefit, referral and application dates)
-- is erased from the projection when the client's consent for it ends (the events hold it encrypted; their key is
-- destroyed). Numbered after the services' own migrations (up to V14), so that it applies in order everywhere.
alter table funding_application alter column benefit drop not null;
alter table funding_application alter column referred_on drop not null;
alter table funding_application alter column applied_on drop not null;
