-- Data keys are stored wrapped by the service's key-encryption key, which is not in the database (ADR 0033). Keys
-- stored before are unwrapped (false) until ClientDataCipher.wrapUnwrappedKeys wraps them when the service starts.
alter table client_data_key add column wrapped boolean not null default false;
