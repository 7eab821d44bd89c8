import { invalidProp } from '../private/errors';

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
   * RDS), not the owner, not superuser, not `BYPASSRLS`; it may read and write tenant data only. Pass
   * `HaPostgres.appRoleName` (the name `iamConnectPolicyJson()` and the generated commands use).
   * @default 'tenant_app'
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
  /** Host name of the instance (`HaPostgres.address`). */
  readonly host: string;

  /** ARN of the master user secret (`HaPostgres.masterUserSecretArn`). */
  readonly masterUserSecretArn: string;

  /**
   * Port.
   * @default 5432
   */
  readonly port?: number;

  /** Database to apply the schema in (`HaPostgres.databaseName`). */
  readonly databaseName: string;

  /**
   * The file holding `TenantIsolationSchema.sql()`.
   * @default 'tenant-isolation.sql'
   */
  readonly sqlFile?: string;

  /**
   * The RDS CA bundle for `sslmode=verify-full` (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem).
   * @default 'global-bundle.pem'
   */
  readonly sslRootCert?: string;

  /**
   * AWS region of the secret.
   * @default - the AWS CLI's configured region
   */
  readonly region?: string;
}

const IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const SETTING_RE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/**
 * The row-level-security schema for tenant isolation (the guide's "Enable Row-Level Security", with its
 * holes closed), as idempotent SQL to run once per database as the master user:
 *
 * - `tenants` and `tenant_data` are owned by a dedicated non-superuser owner role;
 * - RLS is enabled AND forced on both, so the owner is subject to the policy too;
 * - the policy has `USING` (what a tenant reads, updates, deletes) and `WITH CHECK` (what it may write),
 *   so a tenant can neither read nor write another tenant's rows;
 * - with no tenant set, `current_setting(name, true)` is NULL (and `''` becomes NULL through NULLIF), so a
 *   query returns zero rows instead of failing or leaking;
 * - the application connects as its own role, which is not the owner, not superuser and not BYPASSRLS
 *   (the script fails if it is).
 *
 * The application sets the tenant per transaction, so a pooled connection never carries another tenant's id:
 * `SELECT set_config('app.current_tenant_id', $1, true)` (or `SET LOCAL app.current_tenant_id = '<uuid>'`).
 * Foreign-key checks bypass RLS by design: a tenant can learn whether a tenant id exists, nothing more.
 *
 * Owner side: because RLS is forced, the owner role (and the RDS master user, which has no BYPASSRLS) also
 * sees and writes only the tenant set in its session. Cross-tenant maintenance must set each tenant in turn,
 * or use a deliberately created BYPASSRLS role, which is then a privileged, audited exception.
 */
export class TenantIsolationSchema {
  /** The SQL, wrapped in one transaction, safe to run again (idempotent). */
  public static sql(options: TenantIsolationSchemaOptions = {}): string {
    const who = 'TenantIsolationSchema';
    const schema = options.schemaName ?? 'public';
    const app = options.appRoleName ?? 'tenant_app';
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
    const tenant = `NULLIF(current_setting('${setting}', true), '')::uuid`;
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
      '-- Run as the master user: psql -v ON_ERROR_STOP=1 -f tenant-isolation.sql',
      'BEGIN;',
      '',
      '-- Roles: a NOLOGIN owner and a LOGIN application role; neither superuser nor BYPASSRLS.',
      'DO $$',
      'BEGIN',
      `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${owner}') THEN`,
      `    CREATE ROLE "${owner}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;`,
      '  END IF;',
      `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app}') THEN`,
      `    CREATE ROLE "${app}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;`,
      '  END IF;',
      'END',
      '$$;',
      '-- The user running this script must be able to hand the tables to the owner role.',
      `GRANT "${owner}" TO CURRENT_USER;`,
      '',
      `CREATE SCHEMA IF NOT EXISTS ${s};`,
      `REVOKE CREATE ON SCHEMA ${s} FROM PUBLIC;`,
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
      '-- writes into other tenants; an unset or empty tenant setting matches no row.',
      ...policy('tenants'),
      ...policy('tenant_data'),
      '',
      '-- The application reads its tenant and reads/writes its tenant data; it owns nothing.',
      `REVOKE ALL ON ${s}.tenants, ${s}.tenant_data FROM PUBLIC;`,
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
      '-- Fail loudly if a pre-existing role could bypass the policy.',
      'DO $$',
      'BEGIN',
      `  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN ('${owner}', '${app}') AND (rolsuper OR rolbypassrls)) THEN`,
      `    RAISE EXCEPTION 'tenant isolation: roles ${owner} and ${app} must be neither superuser nor BYPASSRLS';`,
      '  END IF;',
      `  IF pg_has_role('${app}', '${owner}', 'MEMBER') THEN`,
      `    RAISE EXCEPTION 'tenant isolation: ${app} must not be a member of the owner role ${owner}';`,
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
   * from the RDS-managed Secrets Manager secret at run time (never stored) and TLS with full verification.
   * Needs the AWS CLI, `jq` and `psql`, network access to the instance (for example from a pod in the
   * cluster), and the RDS CA bundle.
   */
  public static psqlCommand(options: TenantIsolationPsqlCommandOptions): string {
    const port = options.port ?? 5432;
    const db = options.databaseName;
    const file = options.sqlFile ?? 'tenant-isolation.sql';
    const ca = options.sslRootCert ?? 'global-bundle.pem';
    const region = options.region ? ` --region '${options.region}'` : '';
    const secret = `aws secretsmanager get-secret-value --secret-id '${options.masterUserSecretArn}'${region} --query SecretString --output text`;
    return [
      `SECRET="$(${secret})" &&`,
      'PGUSER="$(printf \'%s\' "$SECRET" | jq -r .username)"',
      'PGPASSWORD="$(printf \'%s\' "$SECRET" | jq -r .password)"',
      `psql "host=${options.host} port=${port} dbname=${db} sslmode=verify-full sslrootcert=${ca}"`,
      `-v ON_ERROR_STOP=1 -f '${file}'`,
    ].join(' ');
  }
}
