-- Applications list newest applied first a page at a time (issue 33); an application whose details were erased has no
-- applied_on and comes last. The next page starts after the last application shown, found by this index.
create index funding_application_newest_idx
    on funding_application ((coalesce(applied_on, date '0001-01-01')) desc, application_id);
