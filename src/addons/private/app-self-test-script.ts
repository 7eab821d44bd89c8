import { APP_SELF_TEST_PROTOCOLS } from './app-self-test-protocols';

/**
 * The application self-test's script: Python 3 with the standard library only, so it runs in the official
 * `python` alpine image with nothing installed. It speaks the PostgreSQL wire protocol over TLS, the Redis
 * RESP protocol over TLS, the EKS Pod Identity credentials call, SigV4 presigning and OTLP/HTTP itself.
 *
 * Steps run in order; each prints one line (`ok <step>: <detail>` or `FAIL <step>: <detail>`) and the
 * script exits 1 at the first failure. `--only a,b` runs a subset (the tests use it; steps that need an
 * earlier one say so). Every address it contacts comes from the environment: the `app-connection` ConfigMap,
 * what EKS Pod Identity injects, and the `SELFTEST_*` variables the pod sets. `SELFTEST_SIGNING_TIME` fixes
 * the SigV4 signing time for tests; the pod never sets it. No secret (credentials, tokens) is ever printed.
 *
 * Kept as a string (not a .py file) so it ships in `lib/` with the compiled library and goes into the
 * chart's ConfigMap unchanged. It must not contain a backtick or a dollar-brace (except the one that inserts
 * the protocol code of app-self-test-protocols.ts).
 */
export const APP_SELF_TEST_SCRIPT = String.raw`#!/usr/bin/env python3
"""In-cluster self-test of an application namespace (rendered by cdktf-eks-platform). One line per step."""
import datetime, hashlib, hmac, json, os, re, socket, ssl, struct, sys, time, urllib.error, urllib.parse, urllib.request, uuid

TIMEOUT = float(os.environ.get('SELFTEST_TIMEOUT_SECONDS') or '10')
PROBE_TIMEOUT = float(os.environ.get('SELFTEST_PROBE_TIMEOUT_SECONDS') or '5')
EMPTY_SHA256 = hashlib.sha256(b'').hexdigest()


class Fail(Exception):
    pass


def env(name, default=None):
    value = os.environ.get(name) or default
    if not value:
        if name.startswith('AWS_CONTAINER_'):
            source = 'EKS Pod Identity injects it when the service account has a Pod Identity association'
        elif name.startswith('SELFTEST_'):
            source = 'the self-test pod spec sets it'
        else:
            source = 'the app-connection ConfigMap provides it'
        raise Fail(name + ' is not set (' + source + ')')
    return value


def need(ctx, key, step):
    if key not in ctx:
        raise Fail('needs step ' + step + ' first')
    return ctx[key]


def host_port(target, default_port=None):
    m = re.fullmatch(r'\[([0-9a-fA-F:.]+)\]:(\d+)|([^:\s]+):(\d+)|([^:\s]+)', target or '')
    if not m:
        raise Fail('not host:port: ' + repr(target))
    host = m.group(1) or m.group(3) or m.group(5)
    port = m.group(2) or m.group(4) or default_port
    if port is None or not 0 < int(port) < 65536:
        raise Fail('no valid port in ' + repr(target))
    return host, int(port)


def addresses(host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise Fail('cannot resolve ' + host + ': ' + str(e))
    return infos


def tls_context(cafile):
    # Verify the chain and the host name as libpq (sslmode=verify-full) and the Redis clients do, with OpenSSL's
    # defaults: Python 3.13 adds X.509 strict mode and partial chains to its default context, which would judge
    # the servers' certificates differently from the application's own drivers.
    tls = ssl.create_default_context(cafile=cafile)
    tls.verify_flags = ssl.VERIFY_X509_TRUSTED_FIRST
    tls.minimum_version = ssl.TLSVersion.TLSv1_2
    return tls


def no_proxy_opener():
    # Never through a proxy: the self-test checks the pod's own network path.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


${APP_SELF_TEST_PROTOCOLS}

# ---- AWS: Pod Identity credentials and SigV4 presigned tokens ----

def signing_time():
    fixed = os.environ.get('SELFTEST_SIGNING_TIME')
    if fixed:
        return datetime.datetime.strptime(fixed, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc)


def rds_token(creds, region, host, port, user, now):
    return presign(creds, region, 'rds-db', host + ':' + str(port), {'Action': 'connect', 'DBUser': user}, now)


def elasticache_token(creds, region, replication_group_id, user, now):
    return presign(creds, region, 'elasticache', replication_group_id, {'Action': 'connect', 'User': user}, now)


def step_dns(ctx):
    name = os.environ.get('SELFTEST_DNS_NAME') or 'kubernetes.default.svc.cluster.local'
    found = sorted({i[4][0] for i in addresses(name, 443)})
    return name + ' -> ' + ', '.join(found)


def step_credentials(ctx):
    uri = env('AWS_CONTAINER_CREDENTIALS_FULL_URI')
    token_file = env('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE')
    try:
        with open(token_file) as f:
            token = f.read().strip()
    except OSError as e:
        raise Fail('cannot read the Pod Identity token ' + token_file + ': ' + str(e))
    request = urllib.request.Request(uri, headers={'Authorization': token})
    try:
        with no_proxy_opener().open(request, timeout=TIMEOUT) as r:
            body = json.loads(r.read().decode())
    except urllib.error.HTTPError as e:
        raise Fail(uri + ' answered HTTP ' + str(e.code) + ': ' + e.read(300).decode(errors='replace'))
    except (urllib.error.URLError, OSError) as e:
        raise Fail(uri + ' not reachable (' + str(getattr(e, 'reason', e)) + '): is egress to the Pod Identity agent allowed?')
    except ValueError as e:
        raise Fail(uri + ' did not answer JSON: ' + str(e))
    missing = [k for k in ('AccessKeyId', 'SecretAccessKey', 'Token') if not body.get(k)]
    if missing:
        raise Fail('the credentials answer has no ' + ', '.join(missing))
    ctx['creds'] = body
    return 'temporary credentials (key ' + body['AccessKeyId'][:4] + '...) from ' + uri + ', expiring ' + str(body.get('Expiration', '?'))


def step_rds_token(ctx):
    creds = need(ctx, 'creds', 'credentials')
    host, port, user = env('PGHOST'), int(env('PGPORT', '5432')), env('PGUSER')
    ctx['rds_token'] = rds_token(creds, env('AWS_REGION'), host, port, user, signing_time())
    return 'rds-db:connect token for ' + user + ' at ' + host + ':' + str(port) + ' (valid 15 minutes)'


def step_elasticache_token(ctx):
    creds = need(ctx, 'creds', 'credentials')
    group, user = env('REDIS_REPLICATION_GROUP_ID'), env('REDIS_USER')
    ctx['elasticache_token'] = elasticache_token(creds, env('AWS_REGION'), group, user, signing_time())
    return 'elasticache:Connect token for ' + user + ' on ' + group + ' (valid 15 minutes)'


# ---- PostgreSQL: wire protocol v3 over TLS with verify-full ----

def step_postgres_tls(ctx):
    host, port = env('PGHOST'), int(env('PGPORT', '5432'))
    if env('PGSSLMODE') != 'verify-full':
        raise Fail('PGSSLMODE is ' + os.environ['PGSSLMODE'] + ': the application must verify the server (verify-full)')
    cafile = env('PGSSLROOTCERT')
    try:
        tls = tls_context(cafile)
    except (OSError, ssl.SSLError) as e:
        raise Fail('cannot load the CA bundle ' + cafile + ': ' + str(e))
    try:
        sock = socket.create_connection((host, port), timeout=TIMEOUT)
    except OSError as e:
        raise Fail('cannot connect to ' + host + ':' + str(port) + ': ' + str(e))
    sock.sendall(struct.pack('!ii', 8, 80877103))  # SSLRequest
    if recv_exact(sock, 1) != b'S':
        raise Fail('the server does not offer TLS')
    try:
        sock = tls.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as e:
        raise Fail('certificate of ' + host + ' not verified against ' + cafile + ': ' + str(e.verify_message or e))
    except (ssl.SSLError, OSError) as e:
        raise Fail('TLS handshake with ' + host + ' failed: ' + str(e))
    ctx['pg'] = Postgres(sock)
    return host + ':' + str(port) + ' ' + sock.version() + ', certificate verified for ' + host + ' (verify-full, CA ' + cafile + ')'


def step_postgres_login(ctx):
    pg = need(ctx, 'pg', 'postgres-tls')
    token = need(ctx, 'rds_token', 'rds-token')
    user, database = env('PGUSER'), env('PGDATABASE')
    pg.startup(user, database, token)
    who = pg.must('SELECT current_user, current_database()')[0]
    if who[0] != user:
        raise Fail('logged in as ' + who[0] + ', expected ' + user)
    return 'logged in as ' + who[0] + ' to ' + who[1] + ' with the IAM token (PostgreSQL ' + pg.params.get('server_version', '?') + ')'


def step_postgres_tenant(ctx):
    pg = need(ctx, 'pg', 'postgres-login')
    setting, schema = env('PG_TENANT_SETTING'), env('PG_SCHEMA', 'public')
    if not re.fullmatch(r'[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*', setting) or not re.fullmatch(r'[a-z_][a-z0-9_]{0,62}', schema):
        raise Fail('PG_TENANT_SETTING (' + setting + ') or PG_SCHEMA (' + schema + ') is not a plain lower-case name')
    given = os.environ.get('SELFTEST_TENANT_ID')
    tenant, other = str(uuid.UUID(given)) if given else str(uuid.uuid4()), str(uuid.uuid4())
    data, tenants = '"' + schema + '".tenant_data', '"' + schema + '".tenants'
    pg.must('BEGIN')
    try:
        pg.must("SELECT set_config('" + setting + "', '" + tenant + "', true)")
        flags = pg.must("SELECT r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user")[0]
        if flags != ['f', 'f']:
            raise Fail(env('PGUSER') + ' is superuser or BYPASSRLS: row-level security does not apply to it')
        rls = pg.must("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '"
                      + schema + "' AND c.relname IN ('tenants', 'tenant_data') AND c.relrowsecurity AND c.relforcerowsecurity")
        if len(rls) != 2:
            raise Fail('row-level security is not enabled and forced on ' + tenants + ' and ' + data)
        own = 0
        if given:
            pg.must('INSERT INTO ' + data + " (tenant_id, data) VALUES ('" + tenant + "', '{\"app_self_test\": true}')")
        counts = pg.must('SELECT count(*) FILTER (WHERE tenant_id = \'' + tenant + '\'), count(*) FILTER (WHERE tenant_id <> \''
                         + tenant + '\') FROM ' + data)[0]
        own, foreign = int(counts[0]), int(counts[1])
        foreign += int(pg.must('SELECT count(*) FROM ' + tenants + " WHERE tenant_id <> '" + tenant + "'")[0][0])
        if foreign:
            raise Fail('tenant ' + tenant + ' sees ' + str(foreign) + ' rows of other tenants')
        if given and own < 1:
            raise Fail('tenant ' + tenant + ' does not read back the row it wrote')
        pg.must('SAVEPOINT cross_tenant')
        _, error = pg.query('INSERT INTO ' + data + " (tenant_id) VALUES ('" + other + "')")
        if error is None:
            raise Fail('a row for another tenant was written')
        if error[0] != '42501' or 'row-level security' not in error[1]:
            raise Fail('writing another tenant\'s row failed, but not by row-level security: ' + error[0] + ' ' + error[1])
        pg.must('ROLLBACK TO SAVEPOINT cross_tenant')
    finally:
        pg.query('ROLLBACK')
    after = pg.must("SELECT coalesce(current_setting('" + setting + "', true), ''), (SELECT count(*) FROM " + data + ')')[0]
    if after != ['', '0']:
        raise Fail('after ROLLBACK the tenant setting is ' + repr(after[0]) + ' and ' + after[1] + ' rows are visible')
    return ('tenant ' + tenant + ' set for one transaction: ' + str(own) + ' own rows' + (' (one written, rolled back)' if given else '')
            + ', 0 of other tenants; another tenant\'s row refused by row-level security; nothing visible after ROLLBACK')


# ---- Redis: RESP over TLS as the IAM user ----

def step_redis_tls(ctx):
    host, port = env('REDIS_HOST'), int(env('REDIS_PORT', '6379'))
    if env('REDIS_TLS', 'true') != 'true':
        raise Fail('REDIS_TLS is ' + os.environ['REDIS_TLS'] + ': the cache only accepts TLS')
    cafile = os.environ.get('SELFTEST_REDIS_CA_FILE') or None  # default: the image's public CA store (Amazon Root CAs)
    try:
        tls = tls_context(cafile)
    except (OSError, ssl.SSLError) as e:
        raise Fail('cannot load the CA file ' + str(cafile) + ': ' + str(e))
    try:
        sock = tls.wrap_socket(socket.create_connection((host, port), timeout=TIMEOUT), server_hostname=host)
    except ssl.SSLCertVerificationError as e:
        raise Fail('certificate of ' + host + ' not verified: ' + str(e.verify_message or e))
    except (ssl.SSLError, OSError) as e:
        raise Fail('cannot connect to ' + host + ':' + str(port) + ' over TLS: ' + str(e))
    ctx['redis'] = Redis(sock)
    return host + ':' + str(port) + ' ' + sock.version() + ', certificate verified for ' + host


def step_redis_auth(ctx):
    redis = need(ctx, 'redis', 'redis-tls')
    token = need(ctx, 'elasticache_token', 'elasticache-token')
    user = env('REDIS_USER')
    answer = redis.call('AUTH', user, token)
    if answer != 'OK':
        raise Fail('AUTH as ' + user + ' refused: ' + str(answer))
    return 'AUTH as ' + user + ' with the IAM token: OK'


def step_redis_prefix(ctx):
    redis = need(ctx, 'redis', 'redis-auth')
    key, value = env('REDIS_KEY_PREFIX') + 'app-self-test:' + uuid.uuid4().hex, uuid.uuid4().hex
    for command, expected in ((('SET', key, value, 'EX', '60'), 'OK'), (('GET', key), value), (('DEL', key), 1)):
        answer = redis.call(*command)
        if answer != expected:
            raise Fail(command[0] + ' ' + key + ' answered ' + str(answer))
    return 'SET, GET, DEL of ' + key + ' under the prefix: OK'


def step_redis_outside_prefix(ctx):
    redis = need(ctx, 'redis', 'redis-auth')
    prefix = env('REDIS_KEY_PREFIX')
    key = 'app-self-test-outside-prefix:' + uuid.uuid4().hex
    if key.startswith(prefix):
        raise Fail('the probe key ' + key + ' starts with REDIS_KEY_PREFIX ' + prefix)
    refused = []
    for command in (('SET', key, 'x', 'EX', '60'), ('GET', key)):
        answer = redis.call(*command)
        if not (isinstance(answer, RedisError) and answer.startswith('NOPERM')):
            redis.call('DEL', key)
            raise Fail(command[0] + ' ' + key + ' outside ' + prefix + '* answered ' + repr(answer) + ': the user\'s ACL is not limited to its prefix')
        refused.append(command[0])
    return ' and '.join(refused) + ' of ' + key + ' refused: NOPERM'


# ---- Telemetry and the refused paths ----

def step_otlp(ctx):
    url = env('OTEL_EXPORTER_OTLP_ENDPOINT').rstrip('/') + '/v1/metrics'
    attrs = [{'key': 'service.name', 'value': {'stringValue': 'app-self-test'}},
             {'key': 'k8s.namespace.name', 'value': {'stringValue': os.environ.get('SELFTEST_NAMESPACE', '')}}]
    point = {'asInt': '1', 'timeUnixNano': str(time.time_ns())}
    body = {'resourceMetrics': [{'resource': {'attributes': attrs}, 'scopeMetrics': [{'scope': {'name': 'app-self-test'},
            'metrics': [{'name': 'app_self_test.run', 'unit': '1', 'gauge': {'dataPoints': [point]}}]}]}]}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method='POST', headers={'Content-Type': 'application/json'})
    try:
        with no_proxy_opener().open(request, timeout=TIMEOUT) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        raise Fail(url + ' answered HTTP ' + str(e.code) + ': ' + e.read(300).decode(errors='replace'))
    except (urllib.error.URLError, OSError) as e:
        raise Fail(url + ' not reachable (' + str(getattr(e, 'reason', e)) + '): is egress to the collector allowed?')
    return 'one data point of app_self_test.run accepted by ' + url + ' (HTTP ' + str(status) + ')'


def refused(what, targets):
    return '; '.join(refused_one(what, t.strip()) for t in targets.split(',') if t.strip())


def refused_one(what, target):
    host, port = host_port(target)
    outcomes = []
    for family, kind, proto, _, address in addresses(host, port):
        sock = socket.socket(family, kind, proto)
        sock.settimeout(PROBE_TIMEOUT)
        try:
            sock.connect(address)
        except socket.timeout:
            outcomes.append(address[0] + ' timed out')
            continue
        except OSError as e:
            outcomes.append(address[0] + ' ' + (e.strerror or str(e)).lower())
            continue
        finally:
            sock.close()
        raise Fail('connected to ' + address[0] + ':' + str(port) + ': ' + what + ' is reachable from this namespace')
    return target + ' not reachable (' + ', '.join(sorted(set(outcomes))) + ')'


def step_internet_refused(ctx):
    return refused('the internet', os.environ.get('SELFTEST_INTERNET_TARGET') or 'aws.amazon.com:443')


def step_namespace_refused(ctx):
    return refused('another namespace', env('SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET'))


def step_imds_refused(ctx):
    return refused('the instance metadata service', os.environ.get('SELFTEST_IMDS_TARGET') or '169.254.169.254:80,[fd00:ec2::254]:80')


STEPS = [
    ('dns', step_dns),
    ('credentials', step_credentials),
    ('rds-token', step_rds_token),
    ('elasticache-token', step_elasticache_token),
    ('postgres-tls', step_postgres_tls),
    ('postgres-login', step_postgres_login),
    ('postgres-tenant', step_postgres_tenant),
    ('redis-tls', step_redis_tls),
    ('redis-auth', step_redis_auth),
    ('redis-prefix', step_redis_prefix),
    ('redis-outside-prefix', step_redis_outside_prefix),
    ('otlp', step_otlp),
    ('internet-refused', step_internet_refused),
    ('namespace-refused', step_namespace_refused),
    ('imds-refused', step_imds_refused),
]


def main(argv):
    names = [n for n, _ in STEPS]
    only = None
    if argv[:1] == ['--only'] and len(argv) == 2:
        only = argv[1].split(',')
    elif argv:
        print('usage: app_self_test.py [--only step,step]; steps: ' + ' '.join(names), file=sys.stderr)
        return 2
    unknown = [n for n in (only or []) if n not in names]
    if unknown:
        print('unknown steps: ' + ' '.join(unknown) + '; steps: ' + ' '.join(names), file=sys.stderr)
        return 2
    ctx, passed = {}, 0
    for name, step in STEPS:
        if only is not None and name not in only:
            continue
        try:
            detail = step(ctx)
        except Fail as e:
            print('FAIL ' + name + ': ' + str(e), flush=True)
            return 1
        except Exception as e:  # a bug or an unexpected answer: still one line, still a failure
            print('FAIL ' + name + ': unexpected ' + type(e).__name__ + ': ' + str(e), flush=True)
            return 1
        print('ok ' + name + ': ' + detail, flush=True)
        passed += 1
    print('ok all: ' + str(passed) + ' steps passed', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
`;

/** The step names, in the order the script runs them (read from the script, so docs and tests cannot drift). */
export const APP_SELF_TEST_STEPS: string[] = [...APP_SELF_TEST_SCRIPT.matchAll(/^ {4}\('([a-z-]+)', step_/gm)].map((m) => m[1]);
