import { Token } from 'cdktf';
import { HaPostgres } from './ha-postgres';
import { invalidProp } from '../private/errors';
import { shellQuote } from '../private/shell';

/** Options of the tenant isolation schema. */
export interface TenantIsolationSchemaOptions {
  /**
   * Schema that holds the tables (created when missing).
   * @default 'public'
   */
  readonly schemaName?: string;

  /**
   * Role that owns the tables. Created `NOLOGIN`; it is neither superuser nor `BYPASSRLS`, and because the
   * tables use `FORCE ROW LEVEL SECURITY`, even it sees only the current tenant's rows.
   * @default - `appRoleName` with its `_app` suffix replaced by `_owner` (`payments_staging_app` gives
   * `payments_staging_owner`), else `<appRoleName>_owner`
   */
  readonly ownerRoleName?: string;

  /**
   * Role the application connects as. Created `LOGIN` without a password (it logs in with an IAM token on
   * RDS), not the owner, not superuser, not `BYPASSRLS`; it may read and write tenant data only. For a
   * `HaPostgres`, use `TenantIsolationSchema.forDatabase(db)`, which takes `HaPostgres.appRoleName` (the name
   * `iamConnectPolicyJson()` admits and the generated commands use).
   * @default - none: `sql()` refuses to guess. Its old default, `tenant_app`, is not the role HaPostgres and its
   * IAM policy use (`<name>_app`), so the application could not log in.
   */
  readonly appRoleName?: string;

  /**
   * The session setting that carries the current tenant id (a UUID).
   * @default 'app.current_tenant_id'
   */
  readonly tenantSettingName?: string;

  /**
   * Grant `rds_iam` to the application role when that role exists (on RDS), so it logs in with IAM tokens.
   * @default true
   */
  readonly grantRdsIam?: boolean;
}

/** Options of the command that applies the schema to an RDS instance. */
export interface TenantIsolationPsqlCommandOptions {
  /** Host name of the instance (`HaPostgres.address`): a DNS name of letters, digits, hyphens and dots. */
  readonly host: string;

  /** ARN of the master user secret (`HaPostgres.masterUserSecretArn`): `arn:aws:secretsmanager:<region>:<account>:secret:<name>`. */
  readonly masterUserSecretArn: string;

  /**
   * Port (1-65535).
   * @default 5432
   */
  readonly port?: number;

  /**
   * Database to apply the schema in (`HaPostgres.databaseName`): 1-63 lower-case letters, digits or underscores,
   * starting with a letter.
   */
  readonly databaseName: string;

  /**
   * The file holding `TenantIsolationSchema.sql()`: a path of letters, digits and `. _ / -`, not starting with `-`.
   * @default 'tenant-isolation.sql'
   */
  readonly sqlFile?: string;

  /**
   * The RDS CA bundle for `sslmode=verify-full` (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem): a path
   * of letters, digits and `. _ / -` (no spaces or `=`, so it cannot add connection options such as `sslmode=disable`).
   * @default 'global-bundle.pem'
   */
  readonly sslRootCert?: string;

  /**
   * AWS region of the secret, like `us-east-1`.
   * @default - the AWS CLI's configured region
   */
  readonly region?: string;
}

const IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const SETTING_RE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;
// Formats of the psqlCommand values: none of them admits a space, a quote or a shell metacharacter.
const HOST_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const SECRET_ARN_RE = /^arn:aws(?:-[a-z]+)*:secretsmanager:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:secret:[A-Za-z0-9/_+=.@!-]{1,512}$/;
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const DB_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;
const FILE_RE = /^(?!-)[A-Za-z0-9_./-]{1,255}$/;

/**
 * The row-level-security schema for tenant isolation (the guide's "Enable Row-Level Security", with its
 * holes closed), as idempotent SQL for PostgreSQL 16 to run once per database as the RDS master user (a
 * non-superuser with CREATEROLE that owns the database; a superuser works too):
 *
 * - `tenants` and `tenant_data` are owned by a dedicated `NOLOGIN` owner role, which has USAGE and CREATE on
 *   the schema (foreign-key checks run as the owner);
 * - RLS is enabled AND forced on both, so the owner is subject to the policy too;
 * - the policy has `USING` (what a tenant reads, updates, deletes) and `WITH CHECK` (what it may write);
 * - the tenant setting is read with `current_setting(name, true)` and cast only when it is a valid uuid, so
 *   an unset, empty or malformed setting matches no row and never raises an error (an error would tell a
 *   caller that a row it cannot see exists);
 * - the application connects as its own role, which is not the owner, not superuser, not BYPASSRLS, cannot
 *   become such a role, and holds only SELECT on `tenants` and SELECT/INSERT/UPDATE/DELETE on `tenant_data`
 *   (no TRUNCATE, which RLS does not filter); the script fails if any of that does not hold;
 * - the user running the script grants itself the owner role only for the handover and revokes it at the end.
 *
 * Trust model. The tenant setting is chosen by the application: set it per transaction,
 * `SELECT set_config('app.current_tenant_id', $1, true)` (or `SET LOCAL`), never with a session-level `SET`,
 * which a pooled connection carries into the next request (a pool must run `DISCARD ALL` or `RESET ALL` on
 * check-in). Isolation therefore holds against a tenant whose requests the application serves, not against
 * code that runs arbitrary SQL as the application role: such code can set any tenant. What every tenant
 * sharing one role and one table can still observe: the text of other sessions' queries of the same role in
 * `pg_stat_activity` (use bind parameters; `track_activities = off` in the parameter group, or one role per
 * tenant, hides it) and normalised statements in `pg_stat_statements`; the total size of the tables
 * (`pg_class.reltuples`, `pg_stat_user_tables`, `EXPLAIN` row estimates and "Rows Removed by Filter");
 * whether a row id it already knows exists (a unique-key violation; ids are random uuids); and locks and
 * load that slow every tenant. Where that matters, use one role, schema or database per tenant.
 *
 * The master user. After the script it is no longer a member of the owner role, but PostgreSQL 16 leaves a
 * role's creator ADMIN OPTION on it (which no non-superuser can revoke), so the master can grant itself the
 * owner role again and then lift FORCE ROW LEVEL SECURITY, change the policies or TRUNCATE every tenant; as
 * owner of the database or schema it can also drop the tables. Keep the master for break-glass use and make
 * schema changes through a separate migration login role that is granted the owner role (`SET ROLE` to it).
 * Cross-tenant maintenance must set each tenant in turn, or use a deliberately created BYPASSRLS role, which
 * is then a privileged, audited exception.
 */
export class TenantIsolationSchema {
  /**
   * The SQL for a `HaPostgres`: its application role (`db.appRoleName`, the role `db.iamConnectPolicyJson()`
   * admits) and that role's owner role.
   * @param database the database the schema is for
   * @param options the other settings; `appRoleName` may be left out (it must equal `database.appRoleName`)
   */
  public static forDatabase(database: HaPostgres, options: TenantIsolationSchemaOptions = {}): string {
    if (options.appRoleName !== undefined && options.appRoleName !== database.appRoleName) {
      invalidProp('TenantIsolationSchema.forDatabase', 'appRoleName', options.appRoleName,
        `must be the database's application role '${database.appRoleName}' (the role its IAM policy admits)`,
        "Leave appRoleName out, or set HaPostgres' appRoleName to the role you want.");
    }
    return TenantIsolationSchema.sql({ ...options, appRoleName: database.appRoleName });
  }

  /**
   * The SQL, wrapped in one transaction, safe to run again (idempotent). `appRoleName` is required (for a
   * `HaPostgres`, use `forDatabase`).
   */
  public static sql(options: TenantIsolationSchemaOptions = {}): string {
    const who = 'TenantIsolationSchema';
    const schema = options.schemaName ?? 'public';
    if (options.appRoleName === undefined) {
      invalidProp(who, 'appRoleName', undefined,
        "must be given: the application's database role differs per database (HaPostgres uses '<name>_app')",
        'Use TenantIsolationSchema.forDatabase(db) for a HaPostgres, or pass the role the application logs in as: '
        + 'sql({ appRoleName: db.appRoleName }).');
    }
    const app = options.appRoleName;
    const owner = options.ownerRoleName ?? (app.endsWith('_app') ? `${app.slice(0, -'_app'.length)}_owner` : `${app}_owner`);
    const setting = options.tenantSettingName ?? 'app.current_tenant_id';
    for (const [prop, value] of [['schemaName', schema], ['appRoleName', app], ['ownerRoleName', owner]]) {
      if (!IDENT_RE.test(value)) {
        invalidProp(who, prop, value, 'must be 1-63 lower-case letters, digits or underscores, not starting with a digit',
          "Use a name like 'payments_app'.");
      }
    }
    if (owner === app) {
      invalidProp(who, 'appRoleName', app, 'must differ from ownerRoleName (the table owner must not be the login the application uses)',
        "Use separate roles, for example 'payments_owner' and 'payments_app'.");
    }
    if (!SETTING_RE.test(setting)) {
      invalidProp(who, 'tenantSettingName', setting, "must be a custom setting name 'prefix.name' (lower-case)",
        "Use 'app.current_tenant_id'.");
    }
    const s = `"${schema}"`;
    // Cast only a valid uuid: a malformed value must match no row rather than raise an error.
    const value = `current_setting('${setting}', true)`;
    const tenant = `CASE WHEN pg_input_is_valid(${value}, 'uuid') THEN ${value}::uuid END`;
    const policy = (table: string) => [
      `ALTER TABLE ${s}.${table} ENABLE ROW LEVEL SECURITY;`,
      `ALTER TABLE ${s}.${table} FORCE ROW LEVEL SECURITY;`,
      `DROP POLICY IF EXISTS tenant_isolation ON ${s}.${table};`,
      `CREATE POLICY tenant_isolation ON ${s}.${table} AS PERMISSIVE FOR ALL TO PUBLIC`,
      `  USING (tenant_id = ${tenant})`,
      `  WITH CHECK (tenant_id = ${tenant});`,
    ];
    const lines = [
      '-- Tenant isolation with row-level security (generated by TenantIsolationSchema.sql; idempotent).',
      '-- Run as the RDS master user (or a superuser): psql -X -v ON_ERROR_STOP=1 -f tenant-isolation.sql',
      'BEGIN;',
      '',
      '-- Roles: a NOLOGIN owner and a LOGIN application role; neither superuser nor BYPASSRLS.',
      'DO $$',
      'BEGIN',
      "  IF current_setting('server_version_num')::int < 160000 THEN",
      "    RAISE EXCEPTION 'tenant isolation: needs PostgreSQL 16 or later (this is %)', current_setting('server_version');",
      '  END IF;',
      `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${owner}') THEN`,
      `    CREATE ROLE "${owner}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;`,
      '  END IF;',
      `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app}') THEN`,
      `    CREATE ROLE "${app}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;`,
      '  END IF;',
      'END',
      '$$;',
      '-- Handing tables to the owner needs SET on it, and changing them afterwards its privileges. A',
      '-- CREATEROLE creator holds only ADMIN OPTION on the roles it created (PostgreSQL 16): grant the rest for',
      '-- this transaction; it is revoked again at the end.',
      `GRANT "${owner}" TO CURRENT_USER WITH INHERIT TRUE, SET TRUE;`,
      '',
      `CREATE SCHEMA IF NOT EXISTS ${s};`,
      `REVOKE CREATE ON SCHEMA ${s} FROM PUBLIC;`,
      '-- The new owner of a table needs CREATE on its schema, and foreign-key checks run as the owner (USAGE).',
      `GRANT USAGE, CREATE ON SCHEMA ${s} TO "${owner}";`,
      '',
      `CREATE TABLE IF NOT EXISTS ${s}.tenants (`,
      '  tenant_id  uuid PRIMARY KEY,',
      '  name       varchar(255) NOT NULL,',
      '  created_at timestamptz NOT NULL DEFAULT now()',
      ');',
      `CREATE TABLE IF NOT EXISTS ${s}.tenant_data (`,
      '  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),',
      `  tenant_id  uuid NOT NULL REFERENCES ${s}.tenants (tenant_id),`,
      '  data       jsonb,',
      '  created_at timestamptz NOT NULL DEFAULT now()',
      ');',
      `CREATE INDEX IF NOT EXISTS tenant_data_tenant_id_idx ON ${s}.tenant_data (tenant_id);`,
      `ALTER TABLE ${s}.tenants OWNER TO "${owner}";`,
      `ALTER TABLE ${s}.tenant_data OWNER TO "${owner}";`,
      '',
      '-- RLS enabled and forced (the owner is subject to it too); USING filters reads, WITH CHECK blocks',
      '-- writes into other tenants; an unset, empty or malformed tenant setting matches no row.',
      ...policy('tenants'),
      ...policy('tenant_data'),
      '',
      '-- The application reads its tenant and reads/writes its tenant data; it owns nothing and gets no',
      '-- TRUNCATE, REFERENCES or TRIGGER (grants made by hand before are revoked, so a re-run converges).',
      `REVOKE ALL ON ${s}.tenants, ${s}.tenant_data FROM PUBLIC, "${app}";`,
      `GRANT USAGE ON SCHEMA ${s} TO "${app}";`,
      `GRANT SELECT ON ${s}.tenants TO "${app}";`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}.tenant_data TO "${app}";`,
      '',
    ];
    if (options.grantRdsIam ?? true) {
      lines.push(
        '-- On RDS the application logs in with an IAM token (no password).',
        'DO $$',
        'BEGIN',
        "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN",
        `    GRANT rds_iam TO "${app}";`,
        '  END IF;',
        'END',
        '$$;',
        '',
      );
    }
    lines.push(
      '-- The handover is done: the user running this script leaves the owner role (it keeps the ADMIN OPTION',
      '-- PostgreSQL gives a role\'s creator, so a break-glass session can grant it again).',
      `REVOKE "${owner}" FROM CURRENT_USER;`,
      '',
      '-- Fail loudly if a role could bypass the policy.',
      'DO $$',
      'BEGIN',
      `  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN ('${owner}', '${app}') AND (rolsuper OR rolbypassrls)) THEN`,
      `    RAISE EXCEPTION 'tenant isolation: roles ${owner} and ${app} must be neither superuser nor BYPASSRLS';`,
      '  END IF;',
      `  IF pg_has_role('${app}', '${owner}', 'MEMBER') THEN`,
      `    RAISE EXCEPTION 'tenant isolation: ${app} must not be a member of the owner role ${owner}';`,
      '  END IF;',
      '  IF EXISTS (SELECT 1 FROM pg_roles r',
      `             WHERE (r.rolsuper OR r.rolbypassrls) AND r.rolname <> '${app}' AND pg_has_role('${app}', r.oid, 'MEMBER')) THEN`,
      `    RAISE EXCEPTION 'tenant isolation: ${app} must not be a member of a superuser or BYPASSRLS role';`,
      '  END IF;',
      `  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND pg_has_role(current_user, '${owner}', 'SET') THEN`,
      `    RAISE WARNING 'tenant isolation: % can still act as ${owner} through another grant; revoke it unless intended', current_user;`,
      '  END IF;',
      'END',
      '$$;',
      '',
      'COMMIT;',
      '',
    );
    return lines.join('\n');
  }

  /**
   * A shell command that applies the SQL file to an RDS instance as the master user, with the password read
   * from the RDS-managed Secrets Manager secret at run time and TLS with full verification. It runs in a
   * subshell: the secret goes to `jq` on stdin and the password to `psql` in its environment, never on a
   * command line, and nothing is left in the calling shell. Every value is checked against its format (no
   * spaces, quotes or shell metacharacters) and single-quoted; unresolved tokens (`HaPostgres.address`) are
   * quoted but checked by AWS. Needs the AWS CLI, `jq` and `psql`, network access to the instance (for
   * example from a pod in the cluster), and the RDS CA bundle.
   */
  public static psqlCommand(options: TenantIsolationPsqlCommandOptions): string {
    const who = 'TenantIsolationSchema.psqlCommand';
    const port = options.port ?? 5432;
    const db = options.databaseName;
    const file = options.sqlFile ?? 'tenant-isolation.sql';
    const ca = options.sslRootCert ?? 'global-bundle.pem';
    const check = (prop: string, value: string, re: RegExp, rule: string, fix: string) => {
      if (!Token.isUnresolved(value) && !re.test(value)) invalidProp(who, prop, value, rule, fix);
    };
    check('host', options.host, HOST_RE, 'must be a DNS host name (letters, digits, hyphens and dots)', 'Pass HaPostgres.address.');
    check('masterUserSecretArn', options.masterUserSecretArn, SECRET_ARN_RE, 'must be a Secrets Manager secret ARN',
      'Pass HaPostgres.masterUserSecretArn.');
    if (options.region !== undefined) {
      check('region', options.region, REGION_RE, "must be an AWS region name like 'us-east-1'", "Use for example 'us-east-1'.");
    }
    check('databaseName', db, DB_NAME_RE, 'must be 1-63 lower-case letters, digits or underscores, starting with a letter',
      'Pass HaPostgres.databaseName.');
    const fileRule = 'must be a file path of letters, digits and . _ / - (no spaces, quotes or "="), not starting with "-"';
    check('sqlFile', file, FILE_RE, fileRule, "Use for example 'tenant-isolation.sql'.");
    check('sslRootCert', ca, FILE_RE, fileRule, "Use for example 'global-bundle.pem'.");
    if (!Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      invalidProp(who, 'port', port, 'must be an integer from 1 to 65535', 'Use 5432.');
    }
    const region = options.region !== undefined ? ` --region ${shellQuote(options.region)}` : '';
    const conninfo = `host=${options.host} port=${port} dbname=${db} sslmode=verify-full sslrootcert=${ca}`;
    // No "${" or "%{" anywhere: the command is often a Terraform output, where those start a template.
    return [
      '( set -e;',
      `SECRET="$(aws secretsmanager get-secret-value --secret-id ${shellQuote(options.masterUserSecretArn)}${region} --query SecretString --output text)";`,
      'PGUSER="$(printf \'%s\' "$SECRET" | jq -er .username)";',
      'PGPASSWORD="$(printf \'%s\' "$SECRET" | jq -er .password)";',
      'unset SECRET; export PGUSER PGPASSWORD;',
      `exec psql -X ${shellQuote(conninfo)} -v ON_ERROR_STOP=1 -f ${shellQuote(file)} )`,
    ].join(' ');
  }
}
