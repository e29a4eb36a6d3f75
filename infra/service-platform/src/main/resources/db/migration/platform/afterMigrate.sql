-- After every migration, as the owner role: the runtime role may not read or rewrite the migration history. With
-- rows in flyway_schema_history a stolen runtime login could mark a migration as applied or change a checksum, so
-- that a later start skips or repeats one (ADR 33). Where one login does both (a test's), nothing is revoked.
do $$
begin
    if '${app_role}' <> current_user then
        execute format('revoke all on flyway_schema_history from %I', '${app_role}');
    end if;
end $$;
