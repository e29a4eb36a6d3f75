-- The clients list pages in the order clients were registered (issue 33): the next page starts after the last
-- client shown, found by this index instead of a scan of the register.
create index client_register_registered_idx on client_register (registered_on, client_id);
