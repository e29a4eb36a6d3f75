-- The register's identifying data and the clients' job preferences as ciphertext under the client's own keys
-- (IDENTIFICATION, EMPLOYMENT), so that a dump of this database names no one (issue 27). The citizen service number
-- stays unique through a keyed hash (bsn_index). Rows written before are sealed when the service starts
-- (RegisterSealing), which then empties the old columns.
alter table client_register add column identification text;
alter table client_register add column bsn_index varchar(64);
alter table client_register add constraint client_register_bsn_index_uk unique (bsn_index);
alter table client_register drop constraint client_register_bsn_uk;
alter table client_register alter column name drop not null;
alter table client_register alter column bsn drop not null;
alter table client_register alter column date_of_birth drop not null;
alter table client_register alter column municipality drop not null;
alter table client_employment add column employment text;
alter table client_employment alter column job_preferences drop not null;
