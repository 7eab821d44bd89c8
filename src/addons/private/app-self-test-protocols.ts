/**
 * The protocol code of the self-test's script (app-self-test-script.ts inserts it): SigV4 query presigning as
 * the AWS SDKs do it for RDS and ElastiCache tokens, the PostgreSQL v3 wire protocol (startup, cleartext
 * password, simple query) and Redis RESP. Python standard library only; no backtick and no dollar-brace.
 */
export const APP_SELF_TEST_PROTOCOLS = String.raw`# ---- protocols: SigV4 presigning, PostgreSQL v3, Redis RESP ----

def _quote(s):
    return urllib.parse.quote(s, safe='-_.~')


def presign(creds, region, service, host, params, now, expires=900):
    """A SigV4 query-string presigned GET of https://<host>/ (the AWS SDKs' RDS and ElastiCache token form),
    returned without the scheme: <host>/?<query>."""
    amz_date = now.strftime('%Y%m%dT%H%M%SZ')
    scope = amz_date[:8] + '/' + region + '/' + service + '/aws4_request'
    query = dict(params)
    query.update({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': creds['AccessKeyId'] + '/' + scope,
        'X-Amz-Date': amz_date,
        'X-Amz-Expires': str(expires),
        'X-Amz-SignedHeaders': 'host',
    })
    if creds.get('Token'):
        query['X-Amz-Security-Token'] = creds['Token']
    canonical_query = '&'.join(_quote(k) + '=' + _quote(v) for k, v in sorted(query.items()))
    canonical_request = '\n'.join(['GET', '/', canonical_query, 'host:' + host, '', 'host', EMPTY_SHA256])
    string_to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()])
    key = ('AWS4' + creds['SecretAccessKey']).encode()
    for part in (amz_date[:8], region, service, 'aws4_request'):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    query['X-Amz-Signature'] = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return host + '/?' + '&'.join(_quote(k) + '=' + _quote(v) for k, v in sorted(query.items()))


def recv_exact(sock, n):
    data = b''
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise Fail('the server closed the connection')
        data += chunk
    return data


class Postgres:
    def __init__(self, sock):
        self.sock = sock
        self.params = {}

    def send(self, kind, payload):
        self.sock.sendall(kind + struct.pack('!i', len(payload) + 4) + payload)

    def read(self):
        head = recv_exact(self.sock, 5)
        length = struct.unpack('!i', head[1:])[0]
        return head[:1], recv_exact(self.sock, length - 4)

    @staticmethod
    def error(body):
        fields = dict((f[:1].decode(), f[1:].decode(errors='replace')) for f in body.split(b'\0') if f)
        return fields.get('C', '?'), fields.get('M', '')

    def startup(self, user, database, password):
        params = b''.join(k.encode() + b'\0' + v.encode() + b'\0' for k, v in
                          (('user', user), ('database', database), ('application_name', 'app-self-test')))
        payload = struct.pack('!i', 196608) + params + b'\0'
        self.sock.sendall(struct.pack('!i', len(payload) + 4) + payload)
        while True:
            kind, body = self.read()
            if kind == b'R':
                code = struct.unpack('!i', body[:4])[0]
                if code == 3:
                    self.send(b'p', password.encode() + b'\0')
                elif code != 0:
                    method = {5: 'MD5', 10: 'SCRAM'}.get(code, 'method ' + str(code))
                    raise Fail('the server asked for a ' + method + ' password, not the IAM token: is rds_iam granted to ' + user + '?')
            elif kind == b'E':
                raise Fail('login refused: %s %s' % self.error(body))
            elif kind == b'S':
                k, v = body.split(b'\0')[:2]
                self.params[k.decode()] = v.decode()
            elif kind == b'Z':
                return

    def query(self, sql):
        """Runs one statement; returns (rows, error) where error is (sqlstate, message) or None."""
        self.send(b'Q', sql.encode() + b'\0')
        rows, error = [], None
        while True:
            kind, body = self.read()
            if kind == b'D':
                count, pos, row = struct.unpack('!h', body[:2])[0], 2, []
                for _ in range(count):
                    n = struct.unpack('!i', body[pos:pos + 4])[0]
                    pos += 4
                    row.append(None if n < 0 else body[pos:pos + n].decode())
                    pos += max(n, 0)
                rows.append(row)
            elif kind == b'E':
                error = self.error(body)
            elif kind == b'Z':
                return rows, error

    def must(self, sql):
        rows, error = self.query(sql)
        if error:
            raise Fail('%s failed: %s %s' % (sql.split()[0], error[0], error[1]))
        return rows


class Redis:
    def __init__(self, sock):
        self.file = sock.makefile('rb')
        self.sock = sock

    def call(self, *args):
        out = b'*' + str(len(args)).encode() + b'\r\n'
        for a in args:
            a = a.encode() if isinstance(a, str) else a
            out += b'$' + str(len(a)).encode() + b'\r\n' + a + b'\r\n'
        self.sock.sendall(out)
        return self.reply()

    def reply(self):
        line = self.file.readline()
        if not line:
            raise Fail('the server closed the connection')
        kind, rest = line[:1], line[1:-2].decode(errors='replace')
        if kind == b'+':
            return rest
        if kind == b'-':
            return RedisError(rest)
        if kind == b':':
            return int(rest)
        if kind == b'$':
            return None if int(rest) < 0 else self.file.read(int(rest) + 2)[:-2].decode(errors='replace')
        if kind == b'*':
            return [self.reply() for _ in range(max(int(rest), 0))]
        raise Fail('unexpected reply ' + repr(line[:40]))


class RedisError(str):
    pass
`;
