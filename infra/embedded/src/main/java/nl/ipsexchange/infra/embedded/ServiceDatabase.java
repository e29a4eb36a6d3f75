package nl.ipsexchange.infra.embedded;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One service's database and its two roles (ADR 0033): the owner, which owns the database and its schema and runs
 * the migrations, and the runtime role the service's connection pool logs in as, which reads and writes rows and
 * nothing else. Only these two may connect to the database. The superuser does no more than create them
 * ({@link #provision}); {@code infra/docker/init-databases.sql} does the same for docker-compose.
 *
 * @param name    the database's name; the roles are {@code <name>_owner} and {@code <name>_app}
 * @param owner   the owner role's login (spring.flyway.user / IPS_DB_OWNER, IPS_DB_OWNER_PASSWORD)
 * @param runtime the runtime role's login (spring.datasource.username / IPS_DB_USER, IPS_DB_PASSWORD)
 */
public record ServiceDatabase(String name, Login owner, Login runtime) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A role's name and password. */
    public record Login(String user, String password) {

        @Override
        public String toString() {
            return "Login[user=" + user + "]"; // never the password
        }
    }

    public ServiceDatabase {
        requirePlainName(name);
        requirePlainName(owner.user());
        requirePlainName(runtime.user());
    }

    /** The database {@code name} with roles {@code <name>_owner} and {@code <name>_app}, each a new random password. */
    public static ServiceDatabase withNewPasswords(String name) {
        return new ServiceDatabase(name, new Login(name + "_owner", newPassword()),
                new Login(name + "_app", newPassword()));
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void requirePlainName(String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database or role name: " + name);
        }
    }

    /**
     * As the superuser: creates (or updates) both roles with these passwords, creates the database owned by the owner
     * role when it does not exist, lets only the two roles connect, hands the schema and whatever an earlier version
     * created in it as the superuser to the owner, and grants the runtime role row access to the owner's tables,
     * sequences and functions, those that later migrations create included (default privileges). Running it again
     * changes nothing but the passwords.
     *
     * @param jdbcBase  {@code jdbc:postgresql://host:port/}
     * @param superuser a superuser's login
     */
    public void provision(String jdbcBase, Login superuser) throws SQLException {
        String ownerRole = owner.user();
        String runtimeRole = runtime.user();
        try (Connection cluster = DriverManager.getConnection(jdbcBase + "postgres", superuser.user(),
                superuser.password()); Statement sql = cluster.createStatement()) {
            upsertRole(cluster, owner);
            upsertRole(cluster, runtime);
            if (!exists(cluster, "select 1 from pg_database where datname = ?", name)) {
                sql.execute("create database " + name + " owner " + ownerRole);
            } else {
                sql.execute("alter database " + name + " owner to " + ownerRole);
            }
            sql.execute("revoke all on database " + name + " from public");
            sql.execute("grant connect on database " + name + " to " + runtimeRole);
        }
        try (Connection database = DriverManager.getConnection(jdbcBase + name, superuser.user(),
                superuser.password()); Statement sql = database.createStatement()) {
            sql.execute("alter schema public owner to " + ownerRole);
            sql.execute("revoke all on schema public from public");
            sql.execute("grant usage on schema public to " + runtimeRole);
            for (String statement : ownershipOfEarlierObjects(database, ownerRole)) {
                sql.execute(statement);
            }
            sql.execute("alter default privileges for role " + ownerRole + " in schema public "
                    + "grant select, insert, update, delete on tables to " + runtimeRole);
            sql.execute("alter default privileges for role " + ownerRole + " in schema public "
                    + "grant usage, select on sequences to " + runtimeRole);
            sql.execute("alter default privileges for role " + ownerRole + " in schema public "
                    + "grant execute on functions to " + runtimeRole);
            sql.execute("grant select, insert, update, delete on all tables in schema public to " + runtimeRole);
            sql.execute("grant usage, select on all sequences in schema public to " + runtimeRole);
            sql.execute("grant execute on all functions in schema public to " + runtimeRole);
        }
    }

    /**
     * Tables, sequences and functions that an earlier version created as the superuser (a kept local stack), to be
     * handed to the owner role; sequences that belong to a column move with their table.
     */
    private static List<String> ownershipOfEarlierObjects(Connection database, String ownerRole) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = database.prepareStatement("""
                select case when c.relkind = 'S' then 'alter sequence ' else 'alter table ' end
                       || format('%I', c.relname) || ' owner to ' || format('%I', ?::text)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                  and pg_get_userbyid(c.relowner) <> ?
                  and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid
                           and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')))
                union all
                select 'alter function ' || p.oid::regprocedure::text || ' owner to ' || format('%I', ?::text)
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> ?""")) {
            query.setString(1, ownerRole);
            query.setString(2, ownerRole);
            query.setString(3, ownerRole);
            query.setString(4, ownerRole);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        return statements;
    }

    private static void upsertRole(Connection cluster, Login login) throws SQLException {
        boolean exists = exists(cluster, "select 1 from pg_roles where rolname = ?", login.user());
        try (Statement sql = cluster.createStatement()) {
            // a password is a literal in these statements (no parameters in DDL): it is hex, so it quotes plainly
            sql.execute((exists ? "alter role " : "create role ") + login.user()
                    + " login nosuperuser nocreatedb nocreaterole noinherit password "
                    + quoted(login.password()));
        }
    }

    private static String quoted(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }

    private static boolean exists(Connection connection, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
