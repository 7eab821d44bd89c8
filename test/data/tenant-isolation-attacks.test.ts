/**
 * Attacks on TenantIsolationSchema by the application role, on a real PostgreSQL 16 server (the schema applied
 * by an RDS-like non-superuser master). Tenant A's session tries to read, write, escalate and infer tenant B's
 * data; every attack is its own test. Tests named "inherent:" pin what a shared role and table reveal by
 * design (documented in the class doc and README), so a change in what leaks shows up here.
 */
import { Client, QueryConfig, QueryResult } from 'pg';
import { MASTER, SUPERUSER, TestServer } from './tenant-isolation-server';
import { TenantIsolationSchema } from '../../src/data/tenant-isolation';

jest.setTimeout(60_000);

const DB = 'aiagents';
const APP = 'aiagents_app';
const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';
const ROW_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const ROW_B = 'bbbbbbbb-0000-4000-8000-000000000001';
const B_ROWS = 40; // B has many rows, A one: counts tell them apart
const ABSENT = 'cccccccc-0000-4000-8000-000000000001';

const server = new TestServer();
/** The guide's roles (aiagents_app, aiagents_owner); the defaults are tenant_app and tenant_owner. */
const GUIDE_ROLES = { appRoleName: 'aiagents_app' };
let app: Client;

interface Outcome { readonly rows: Array<Record<string, unknown>>; readonly error?: string; readonly notices: string[] }

/**
 * One request of tenant `tenant` on the shared app connection, the way the application must do it: a
 * transaction that sets the tenant with set_config(..., true). Errors roll back and are returned.
 */
async function as(tenant: string | undefined, sql: string | QueryConfig, params: unknown[] = []): Promise<Outcome> {
  const notices: string[] = [];
  const onNotice = (n: { message?: string }) => notices.push(n.message ?? '');
  app.on('notice', onNotice);
  try {
    await app.query('BEGIN');
    if (tenant !== undefined) await app.query("SELECT set_config('app.current_tenant_id', $1, true)", [tenant]);
    const r = typeof sql === 'string' ? await app.query(sql, params) : await app.query(sql);
    await app.query('COMMIT');
    const last = (Array.isArray(r) ? r[r.length - 1] : r) as QueryResult;
    return { rows: last.rows, notices };
  } catch (e) {
    await app.query('ROLLBACK');
    return { rows: [], error: (e as Error).message, notices };
  } finally {
    app.off('notice', onNotice);
  }
}
const asA = (sql: string, params: unknown[] = []) => as(A, sql, params);
const truth = async (sql: string) => (await server.sql(SUPERUSER, DB, sql))[0];
const bUnchanged = async () => expect(await truth(`SELECT count(*)::int AS n, bool_and(data->>'v' = 'b') AS intact FROM tenant_data WHERE tenant_id = '${B}'`))
  .toEqual({ n: B_ROWS, intact: true });

beforeAll(async () => {
  await server.start();
  await server.rdsLikeMaster(DB);
  await server.sql(MASTER, DB, TenantIsolationSchema.sql(GUIDE_ROLES));
  // Fixtures only: the superuser seeds rows and statistics, as an operator's import would.
  await server.sql(SUPERUSER, DB, `
    INSERT INTO tenants VALUES ('${A}', 'Tenant A'), ('${B}', 'Tenant B');
    INSERT INTO tenant_data (id, tenant_id, data) VALUES ('${ROW_A}', '${A}', '{"v":"a","n":"1"}'), ('${ROW_B}', '${B}', '{"v":"b","n":"bravo-secret"}');
    INSERT INTO tenant_data (tenant_id, data) SELECT '${B}', '{"v":"b","n":"bravo-secret"}' FROM generate_series(2, ${B_ROWS});
    ANALYZE tenants; ANALYZE tenant_data;`);
  // A migration login granted the owner role, as the class doc recommends (the master holds ADMIN OPTION on it).
  await server.sql(MASTER, DB, 'CREATE ROLE migrator LOGIN; GRANT aiagents_owner TO migrator;');
  app = await server.connect(APP, DB);
});
afterAll(() => server.stop());

describe('reads across tenants', () => {
  test('SELECT * returns only the own row', async () => {
    expect((await asA('SELECT id, tenant_id FROM tenant_data')).rows).toEqual([{ id: ROW_A, tenant_id: A }]);
  });

  test("a lookup by another tenant's id returns nothing", async () => {
    expect(await asA('SELECT * FROM tenant_data WHERE id = $1', [ROW_B])).toEqual({ rows: [], notices: [] });
  });

  test('aggregates and window functions count only the own rows', async () => {
    expect((await asA('SELECT count(*)::int AS c, count(*) OVER ()::int AS w, json_agg(data) AS j FROM tenant_data')).rows)
      .toEqual([{ c: 1, w: 1, j: [{ v: 'a', n: '1' }] }]);
  });

  test('joins with tenants see only the own tenant', async () => {
    expect((await asA('SELECT t.name, count(d.id)::int AS n FROM tenants t LEFT JOIN tenant_data d USING (tenant_id) GROUP BY t.name')).rows)
      .toEqual([{ name: 'Tenant A', n: 1 }]);
  });

  test('EXISTS, IN and scalar subqueries on the other tenant find nothing', async () => {
    expect((await asA(`SELECT EXISTS (SELECT 1 FROM tenant_data WHERE tenant_id = '${B}') AS e,
      '${ROW_B}'::uuid IN (SELECT id FROM tenant_data) AS i, (SELECT count(*) FROM tenants WHERE tenant_id = '${B}')::int AS s`)).rows)
      .toEqual([{ e: false, i: false, s: 0 }]);
  });

  test('CTEs, recursive CTEs and set operations see only the own rows', async () => {
    expect((await asA(`WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3),
      d AS (SELECT id FROM tenant_data) SELECT (SELECT count(*) FROM d)::int AS cte, (SELECT count(*) FROM r, d)::int AS rec,
      (SELECT count(*) FROM (SELECT id FROM tenant_data UNION SELECT id FROM tenant_data WHERE tenant_id = '${B}') u)::int AS un`)).rows)
      .toEqual([{ cte: 1, rec: 3, un: 1 }]);
  });

  test('TABLE, whole-row references, ctid and tableoid scans see only the own row', async () => {
    expect((await asA(`SELECT (SELECT count(*) FROM (TABLE tenant_data) t)::int AS t,
      (SELECT count(*) FROM tenant_data x WHERE x::text LIKE '%bravo%')::int AS whole,
      (SELECT count(*) FROM tenant_data WHERE ctid = ANY (ARRAY(SELECT format('(0,%s)', g)::tid FROM generate_series(1, 100) g)))::int AS ctid,
      (SELECT count(*) FROM tenant_data WHERE tableoid = 'tenant_data'::regclass)::int AS oid`)).rows)
      .toEqual([{ t: 1, whole: 0, ctid: 1, oid: 1 }]);
  });

  test("SELECT FOR UPDATE / FOR SHARE NOWAIT on another tenant's row locks and returns nothing", async () => {
    expect(await asA('SELECT id FROM tenant_data WHERE id = $1 FOR UPDATE NOWAIT', [ROW_B])).toEqual({ rows: [], notices: [] });
    expect(await asA('SELECT id FROM tenant_data WHERE id = $1 FOR SHARE NOWAIT', [ROW_B])).toEqual({ rows: [], notices: [] });
  });

  test('a cursor fetches only the own rows', async () => {
    await app.query('BEGIN');
    await app.query("SELECT set_config('app.current_tenant_id', $1, true)", [A]);
    await app.query('DECLARE c CURSOR FOR SELECT id FROM tenant_data');
    const rows = (await app.query('FETCH ALL FROM c')).rows;
    await app.query('COMMIT');
    expect(rows).toEqual([{ id: ROW_A }]);
  });

  test('a temporary view (and a security_barrier one) over the table sees only the own rows', async () => {
    expect((await asA(`CREATE TEMP VIEW v1 AS SELECT * FROM tenant_data;
      CREATE TEMP VIEW v2 WITH (security_barrier) AS SELECT * FROM tenant_data;
      SELECT (SELECT count(*) FROM v1)::int AS plain, (SELECT count(*) FROM v2)::int AS barrier`)).rows).toEqual([{ plain: 1, barrier: 1 }]);
  });

  test('a leaky function in WHERE sees only rows that passed the policy (its notices show no other tenant data)', async () => {
    const r = await asA(`CREATE FUNCTION pg_temp.leak(d jsonb) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS
      $$ BEGIN RAISE NOTICE 'saw %', d; RETURN true; END $$;
      SELECT count(*)::int AS n FROM tenant_data WHERE pg_temp.leak(data);`);
    expect(r.rows).toEqual([{ n: 1 }]);
    expect(r.notices).toEqual(['saw {"n": "1", "v": "a"}']);
  });

  test('a leaky operator is evaluated only on rows that passed the policy', async () => {
    const r = await asA(`CREATE FUNCTION pg_temp.peek(jsonb, text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS
      $$ BEGIN RAISE NOTICE 'op %', $1->>$2; RETURN true; END $$;
      CREATE OPERATOR pg_temp.%% (LEFTARG = jsonb, RIGHTARG = text, FUNCTION = pg_temp.peek);
      SELECT count(*)::int AS n FROM tenant_data WHERE data OPERATOR(pg_temp.%%) 'n';`);
    expect(r.error).toBeUndefined();
    expect(r.notices).toEqual(['op 1']);
  });

  test("an error raised while evaluating a query shows only the own tenant's values", async () => {
    // Evaluated on B's rows, the cast would fail with 'invalid input syntax for type integer: "bravo-secret"'.
    expect(await asA("SELECT count(*)::int AS n FROM tenant_data WHERE (data->>'n')::int < 0")).toEqual({ rows: [{ n: 0 }], notices: [] });
    const forced = await asA("SELECT (data->>'v')::int FROM tenant_data");
    expect(forced.error).toBe('invalid input syntax for type integer: "a"');
  });

  test('a prepared statement with a generic plan does not freeze the tenant it was first run with', async () => {
    await app.query('SET plan_cache_mode = force_generic_plan');
    try {
      const q = { name: 'by_tenant', text: 'SELECT count(*)::int AS n FROM tenant_data' };
      expect((await as(A, q)).rows).toEqual([{ n: 1 }]);
      expect((await as(B, q)).rows).toEqual([{ n: B_ROWS }]);
      expect((await as(undefined, q)).rows).toEqual([{ n: 0 }]);
    } finally {
      await app.query('RESET plan_cache_mode');
    }
  });
});

describe('the tenant setting', () => {
  test('no tenant set: zero rows, not an error; and no insert at all', async () => {
    expect(await as(undefined, 'SELECT (SELECT count(*) FROM tenant_data)::int AS d, (SELECT count(*) FROM tenants)::int AS t'))
      .toEqual({ rows: [{ d: 0, t: 0 }], notices: [] });
    expect((await as(undefined, 'INSERT INTO tenant_data (tenant_id) VALUES ($1)', [A])).error).toMatch(/new row violates row-level security policy/);
  });

  test('an empty tenant setting: zero rows, not an error', async () => {
    expect(await as('', 'SELECT count(*)::int AS n FROM tenant_data')).toEqual({ rows: [{ n: 0 }], notices: [] });
  });

  test.each([
    ['not-a-uuid'], ['11111111-1111-1111-1111-11111111111'], ["' OR true --"], ['{11111111-1111-1111-1111-111111111111'],
  ])('a malformed tenant setting %p matches no row and raises nothing', async (bad) => {
    expect(await as(bad, 'SELECT count(*)::int AS n FROM tenant_data')).toEqual({ rows: [{ n: 0 }], notices: [] });
  });

  test('a malformed tenant setting is no existence oracle: an existing and an absent id look the same (finding 3)', async () => {
    for (const mode of ['force_custom_plan', 'force_generic_plan']) {
      await app.query(`SET plan_cache_mode = ${mode}`);
      const q = { name: `by_id_${mode}`, text: 'SELECT id FROM tenant_data WHERE id = $1', values: [ROW_B] };
      const existing = await as('not-a-uuid', q);
      const absent = await as('not-a-uuid', { ...q, values: [ABSENT] });
      expect([mode, existing]).toEqual([mode, { rows: [], notices: [] }]);
      expect(absent).toEqual(existing);
    }
    await app.query('RESET plan_cache_mode');
  });

  test('trust model: code that runs SQL as the app role can choose any tenant (isolation holds against tenants, not the app)', async () => {
    expect((await as(B, 'SELECT count(*)::int AS n FROM tenant_data')).rows).toEqual([{ n: B_ROWS }]);
  });
});

describe('writes across tenants', () => {
  test('INSERT a row for another tenant is refused by WITH CHECK', async () => {
    expect((await asA('INSERT INTO tenant_data (tenant_id, data) VALUES ($1, \'{}\')', [B])).error)
      .toBe('new row violates row-level security policy for table "tenant_data"');
    await bUnchanged();
  });

  test('UPDATE moving the own row to another tenant is refused', async () => {
    expect((await asA('UPDATE tenant_data SET tenant_id = $1 WHERE id = $2', [B, ROW_A])).error)
      .toBe('new row violates row-level security policy for table "tenant_data"');
  });

  test("UPDATE and DELETE of another tenant's rows touch nothing", async () => {
    expect((await asA('UPDATE tenant_data SET data = \'{"v":"x"}\' WHERE tenant_id = $1 RETURNING id', [B])).rows).toEqual([]);
    expect((await asA('DELETE FROM tenant_data WHERE id = $1 RETURNING id', [ROW_B])).rows).toEqual([]);
    await bUnchanged();
  });

  test('an unqualified DELETE (rolled back) deletes only the own rows', async () => {
    await app.query('BEGIN');
    await app.query("SELECT set_config('app.current_tenant_id', $1, true)", [A]);
    const n = (await app.query('DELETE FROM tenant_data')).rowCount;
    await app.query('ROLLBACK');
    expect(n).toBe(1);
    await bUnchanged();
  });

  test('UPDATE ... FROM and DELETE ... USING reach only the own rows', async () => {
    expect((await asA('UPDATE tenant_data d SET data = d.data FROM tenants t WHERE t.tenant_id = d.tenant_id RETURNING d.id')).rows)
      .toEqual([{ id: ROW_A }]);
    expect((await asA('DELETE FROM tenant_data d USING (VALUES ($1::uuid)) v(id) WHERE d.id = v.id RETURNING d.id', [ROW_B])).rows).toEqual([]);
    await bUnchanged();
  });

  test('a data-modifying CTE against the other tenant changes nothing', async () => {
    expect((await asA('WITH d AS (DELETE FROM tenant_data WHERE tenant_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [B])).rows)
      .toEqual([{ n: 0 }]);
    await bUnchanged();
  });

  test("MERGE cannot match another tenant's row nor insert for another tenant", async () => {
    expect((await asA(`MERGE INTO tenant_data d USING (VALUES ($1::uuid)) s(id) ON d.id = s.id
      WHEN MATCHED THEN UPDATE SET data = '{"v":"merged"}' WHEN NOT MATCHED THEN DO NOTHING`, [ROW_B])).error).toBeUndefined();
    expect((await asA(`MERGE INTO tenant_data d USING (VALUES ($1::uuid)) s(t) ON false
      WHEN NOT MATCHED THEN INSERT (tenant_id) VALUES (s.t)`, [B])).error).toMatch(/new row violates row-level security policy/);
    await bUnchanged();
  });

  test("INSERT ... ON CONFLICT DO UPDATE on another tenant's id is refused, not applied", async () => {
    const r = await asA('INSERT INTO tenant_data (id, tenant_id) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = \'{"v":"upsert"}\'', [ROW_B, A]);
    expect(r.error).toMatch(/new row violates row-level security policy \(USING expression\) for table "tenant_data"/);
    await bUnchanged();
  });

  test('INSERT ... SELECT copies only the own rows', async () => {
    expect((await asA(`WITH i AS (INSERT INTO tenant_data (tenant_id, data) SELECT tenant_id, data FROM tenant_data RETURNING tenant_id)
      SELECT count(*)::int AS n, bool_and(tenant_id = $1) AS own FROM i`, [A])).rows).toEqual([{ n: 1, own: true }]);
    await server.sql(SUPERUSER, DB, `DELETE FROM tenant_data WHERE tenant_id = '${A}' AND id <> '${ROW_A}'`);
  });

  test('COPY FROM is refused on a table with row-level security; COPY to a server file is refused', async () => {
    expect((await asA('COPY tenant_data FROM STDIN')).error).toBe('COPY FROM not supported with row-level security');
    expect((await asA("COPY tenant_data TO '/tmp/tenant-dump'")).error).toMatch(/permission denied to COPY to a file/);
  });
});

describe('privilege escalation', () => {
  test('row_security = off raises instead of returning unfiltered rows', async () => {
    expect((await asA('SET LOCAL row_security = off; SELECT count(*) FROM tenant_data;')).error).toMatch(/query would be affected by row-level security policy/);
  });

  test('the app cannot switch RLS off, un-force it, or change the policies (it owns nothing)', async () => {
    for (const ddl of ['ALTER TABLE tenant_data DISABLE ROW LEVEL SECURITY', 'ALTER TABLE tenant_data NO FORCE ROW LEVEL SECURITY',
      'DROP POLICY tenant_isolation ON tenant_data', 'CREATE POLICY open ON tenant_data USING (true)',
      'ALTER POLICY tenant_isolation ON tenant_data USING (true)', 'ALTER TABLE tenant_data OWNER TO aiagents_app']) {
      expect([ddl, (await asA(ddl)).error]).toEqual([ddl, expect.stringMatching(/^must be owner of (table|relation) tenant_data$/)]);
    }
  });

  test('the app cannot become the owner or another role', async () => {
    expect((await asA('SET ROLE aiagents_owner')).error).toBe('permission denied to set role "aiagents_owner"');
    expect((await asA(`SET SESSION AUTHORIZATION ${MASTER}`)).error).toMatch(/permission denied to set session authorization/);
    expect((await asA('GRANT aiagents_owner TO aiagents_app')).error).toMatch(/permission denied to grant role "aiagents_owner"/);
  });

  test('the app cannot create roles or give itself BYPASSRLS', async () => {
    expect((await asA('CREATE ROLE x LOGIN BYPASSRLS')).error).toBe('permission denied to create role');
    expect((await asA('ALTER ROLE aiagents_app BYPASSRLS')).error).toBe('permission denied to alter role');
  });

  test('the app cannot TRUNCATE (which RLS does not filter)', async () => {
    expect((await asA('TRUNCATE tenant_data')).error).toBe('permission denied for table tenant_data');
    await bUnchanged();
  });

  test('the app cannot put a trigger or a rule on the tenant tables', async () => {
    const r = await asA(`CREATE FUNCTION pg_temp.t() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER spy BEFORE INSERT ON tenant_data FOR EACH ROW EXECUTE FUNCTION pg_temp.t();`);
    expect(r.error).toMatch(/permission denied for table tenant_data|must be owner/);
    expect((await asA('CREATE RULE spy AS ON INSERT TO tenant_data DO ALSO NOTIFY spy')).error).toBe('must be owner of table tenant_data');
  });

  test('the app cannot create objects in the schema (no functions, views or tables to hijack search_path with)', async () => {
    expect((await asA('CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')).error).toBe('permission denied for schema public');
    expect((await asA('CREATE VIEW public.v AS SELECT 1')).error).toBe('permission denied for schema public');
    expect((await asA('CREATE TABLE public.t (id int)')).error).toBe('permission denied for schema public');
  });

  test('a SECURITY DEFINER function the app creates runs as the app and is still filtered', async () => {
    expect((await asA(`CREATE FUNCTION pg_temp.all_rows() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$ SELECT count(*) FROM public.tenant_data $$;
      SELECT pg_temp.all_rows()::int AS n;`)).rows).toEqual([{ n: 1 }]);
  });

  test('the app cannot read server files or large objects of others', async () => {
    expect((await asA("SELECT pg_read_file('postgresql.conf')")).error).toMatch(/permission denied for function pg_read_file/);
    expect((await asA("SELECT lo_import('/etc/passwd')")).error).toMatch(/permission denied for function lo_import/);
  });
});

describe('the owner role, as a migration session uses it, is subject to the policy too (FORCE ROW LEVEL SECURITY)', () => {
  const asOwner = (sql: string) => server.sql('migrator', DB, `SET ROLE aiagents_owner;\n${sql}`).catch((e: Error) => e.message);

  test('it sees only the tenant it sets, and nothing without one', async () => {
    expect(await asOwner(`SELECT set_config('app.current_tenant_id', '${A}', true); SELECT count(*)::int AS n FROM tenant_data;`)).toEqual([{ n: 1 }]);
    expect(await asOwner('SELECT count(*)::int AS n FROM tenant_data')).toEqual([{ n: 0 }]);
  });

  test('it cannot write into another tenant', async () => {
    expect(await asOwner(`SELECT set_config('app.current_tenant_id', '${A}', true); INSERT INTO tenant_data (tenant_id) VALUES ('${B}');`))
      .toBe('new row violates row-level security policy for table "tenant_data"');
    await bUnchanged();
  });
});

describe('side channels', () => {
  test('constraint errors: a duplicate id tells only that the id it supplied exists, nothing of the row', async () => {
    const r = await asA('INSERT INTO tenant_data (id, tenant_id) VALUES ($1, $2)', [ROW_B, A]);
    expect(r.error).toBe('duplicate key value violates unique constraint "tenant_data_pkey"');
    await bUnchanged();
  });

  test('foreign keys: WITH CHECK refuses another tenant id before the foreign-key check could tell whether it exists', async () => {
    expect((await asA('INSERT INTO tenant_data (tenant_id) VALUES ($1)', [B])).error).toMatch(/row-level security/);
    expect((await asA('INSERT INTO tenant_data (tenant_id) VALUES ($1)', [ABSENT])).error).toMatch(/row-level security/);
  });

  test('pg_stats hides the column statistics of tables with row-level security; pg_statistic is closed', async () => {
    expect(await truth("SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'tenant_data'")).toEqual({ n: 4 });
    expect((await asA("SELECT count(*)::int AS n FROM pg_stats WHERE tablename IN ('tenant_data', 'tenants')")).rows).toEqual([{ n: 0 }]);
    expect((await asA('SELECT * FROM pg_statistic')).error).toBe('permission denied for table pg_statistic');
  });

  test('catalog views show the policy and grants, no tenant data', async () => {
    const r = await asA("SELECT qual FROM pg_policies WHERE tablename = 'tenant_data'");
    expect(r.rows).toHaveLength(1);
    expect(JSON.stringify(r.rows)).not.toMatch(new RegExp(`${B}|bravo`));
  });

  test('inherent: table size is visible (pg_class.reltuples, EXPLAIN ANALYZE "Rows Removed by Filter")', async () => {
    expect((await asA("SELECT reltuples::int AS n FROM pg_class WHERE oid = 'public.tenant_data'::regclass")).rows).toEqual([{ n: B_ROWS + 1 }]);
    const plan = await asA('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT * FROM tenant_data;');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(`Rows Removed by Filter: ${B_ROWS}`);
  });

  test('inherent: planner estimates for an equality on tenant_id (a leakproof operator) reflect how many rows a value has', async () => {
    const estimate = async (id: string) => Number(/rows=(\d+)/.exec(String((await asA(`EXPLAIN SELECT * FROM tenant_data WHERE tenant_id = '${id}'`)).rows[0]['QUERY PLAN']))?.[1]);
    expect(await estimate(B)).toBe(B_ROWS);
    expect(await estimate(ABSENT)).toBeLessThan(B_ROWS / 4);
  });

  test("inherent: pg_stat_activity shows the query text of the same role's other sessions, not other roles'", async () => {
    // Two sessions wait on an advisory lock (no timing guesses): one of the app role, one of the master.
    const holder = await server.connect(SUPERUSER, DB);
    await holder.query('SELECT pg_advisory_lock(4242)');
    const other = await server.connect(APP, DB);
    const master = await server.connect(MASTER, DB);
    const waiting = [other.query("SELECT pg_advisory_lock_shared(4242), 'bravo-secret-literal'"),
      master.query("SELECT pg_advisory_lock_shared(4242), 'master-literal'")];
    const look = async () => (await asA(`SELECT usename, query FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND usename IN ('${APP}', '${MASTER}') ORDER BY usename`)).rows;
    let seen = await look();
    for (let i = 0; i < 100 && !(seen.length === 2 && String(seen[0].query).includes('bravo')); i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await look();
    }
    await holder.query('SELECT pg_advisory_unlock(4242)');
    await Promise.all(waiting);
    expect(seen).toEqual([
      { usename: APP, query: "SELECT pg_advisory_lock_shared(4242), 'bravo-secret-literal'" },
      { usename: MASTER, query: '<insufficient privilege>' },
    ]);
  });
});

describe('pooled connections (one connection serves tenant after tenant)', () => {
  const current = async () => (await app.query("SELECT current_setting('app.current_tenant_id', true) AS t, (SELECT count(*)::int FROM tenant_data) AS n")).rows[0];

  test('set_config(..., true) ends with COMMIT: the next request sees no tenant', async () => {
    await as(A, 'SELECT 1');
    expect(await current()).toEqual({ t: '', n: 0 });
  });

  test('... and with ROLLBACK after an error', async () => {
    expect((await as(A, 'SELECT 1/0')).error).toBe('division by zero');
    expect(await current()).toEqual({ t: '', n: 0 });
  });

  test('SET LOCAL ends with the transaction too', async () => {
    await app.query('BEGIN');
    await app.query(`SET LOCAL app.current_tenant_id = '${A}'`);
    await app.query('COMMIT');
    expect(await current()).toEqual({ t: '', n: 0 });
  });

  test('hazard: a session-level SET survives into the next request until DISCARD ALL or RESET ALL', async () => {
    await app.query(`SET app.current_tenant_id = '${B}'`);
    expect(await current()).toEqual({ t: B, n: B_ROWS });
    await app.query('DISCARD ALL');
    expect(await current()).toEqual({ t: '', n: 0 });
    await app.query(`SET app.current_tenant_id = '${B}'`);
    await app.query('RESET ALL');
    expect(await current()).toEqual({ t: '', n: 0 });
  });

  test('hazard: after a session-level SET, a per-transaction tenant falls back to the session value on commit', async () => {
    await app.query(`SET app.current_tenant_id = '${B}'`);
    expect((await as(A, 'SELECT count(*)::int AS n FROM tenant_data')).rows).toEqual([{ n: 1 }]);
    expect(await current()).toEqual({ t: B, n: B_ROWS });
    await app.query('DISCARD ALL');
  });
});
