-- After every migration, as the owner role: no other role may read or rewrite the migration history. With rows in
-- flyway_schema_history a stolen runtime login could mark a migration as applied or change a checksum, so that a
-- later start skips or repeats one (ADR 33). The owner's default privileges grant the runtime role every table's
-- rows, this one's too; a login that is also the owner (some tests use one) keeps its own.
do $$
declare
    grantee text;
begin
    for grantee in select distinct g.grantee from information_schema.role_table_grants g
                   where g.table_schema = current_schema() and g.table_name = 'flyway_schema_history'
                     and g.grantee <> current_user and g.grantee <> 'PUBLIC'
    loop
        execute format('revoke all on flyway_schema_history from %I', grantee);
    end loop;
end $$;
