import { ResourceView, RuleDefinition } from './model';
import { blocks, isExpression, numberOf, show } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'identity';

/** Attribute names that hold secrets: a literal value there is a plaintext secret in code and in state. */
export const SECRET_ATTRIBUTES = ['password', 'password_wo', 'master_password', 'auth_token', 'secret_string', 'secret_string_wo'];

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function isWildcardAction(a: unknown): boolean {
  return a === '*' || (typeof a === 'string' && /^[A-Za-z0-9-]+:\*$/.test(a));
}

/** A principal that is an account root (`arn:aws:iam::123456789012:root`, also as an expression). */
function isAccountRoot(p: unknown): boolean {
  return typeof p === 'string' && /:root(\}|"|$)/.test(p);
}

interface Statement {
  readonly label: string;
  readonly effect: unknown;
  readonly actions: unknown[];
  readonly resources: unknown[];
  readonly awsPrincipals: unknown[];
  readonly otherPrincipals: boolean;
}

/** Statements of a JSON policy document; none when the policy is an expression that cannot be parsed. */
function jsonStatements(policy: unknown, where: string): Statement[] {
  if (typeof policy !== 'string') return [];
  let doc: any;
  try {
    doc = JSON.parse(policy);
  } catch {
    return []; // jsonencode(...) or a reference: checked where the document is built, if it is in the stack
  }
  return asArray(doc?.Statement).map((s: any, i) => {
    const principal = s?.Principal;
    const aws = principal && typeof principal === 'object' ? asArray(principal.AWS) : [];
    const other = principal === '*' || (principal && typeof principal === 'object' && Object.keys(principal).some((k) => k !== 'AWS'));
    return {
      label: `${where} statement ${s?.Sid ? `"${s.Sid}"` : `#${i}`}`,
      effect: s?.Effect,
      actions: asArray(s?.Action),
      resources: asArray(s?.Resource),
      awsPrincipals: aws,
      otherPrincipals: Boolean(other),
    };
  });
}

function documentStatements(r: ResourceView): { statements: Statement[]; keyPolicy: boolean } {
  if (r.type === 'data.aws_iam_policy_document') {
    const statements = blocks(r.config.statement).map((s, i) => {
      const principals = blocks(s.principals);
      return {
        label: `statement ${s.sid ? `"${s.sid}"` : `#${i}`}`,
        effect: s.effect ?? 'Allow',
        actions: asArray(s.actions),
        resources: asArray(s.resources),
        awsPrincipals: principals.filter((p) => p.type === 'AWS').flatMap((p) => asArray(p.identifiers)),
        otherPrincipals: principals.some((p) => p.type !== 'AWS'),
      };
    });
    // A document granting kms actions to principals is a key policy.
    const keyPolicy = statements.some((s) => s.awsPrincipals.length > 0 && s.actions.every((a) => typeof a === 'string' && a.startsWith('kms:')));
    return { statements, keyPolicy };
  }
  if (r.type === 'aws_iam_role') {
    return {
      statements: blocks(r.config.inline_policy).flatMap((p, i) => jsonStatements(p.policy, `inline_policy ${p.name ?? `#${i}`}`)),
      keyPolicy: false,
    };
  }
  return { statements: jsonStatements(r.config.policy, 'policy'), keyPolicy: r.type === 'aws_kms_key' };
}

/** Paths of secret-named attributes that hold a literal. */
function literalSecrets(value: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => literalSecrets(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (SECRET_ATTRIBUTES.includes(k) && typeof v === 'string' && v !== '' && !isExpression(v)) out.push(p);
      else literalSecrets(v, p, out);
    }
  }
  return out;
}

/** Least privilege and no credentials at rest in code. */
export const IDENTITY_RULES: RuleDefinition[] = [
  {
    id: 'PB-IAM-001',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_launch_template'],
    title: 'Launch templates require IMDSv2 (http_tokens = "required")',
    rationale: 'IMDSv1 answers any request from the node, so an SSRF bug in a pod leaks the node role\'s credentials.',
    fix: 'Set metadata_options { http_endpoint = "enabled", http_tokens = "required" }.',
    check: (r) => {
      const tokens = blocks(r.config.metadata_options)[0]?.http_tokens;
      return tokens === 'required' || isExpression(tokens) ? [] : [show('metadata_options.http_tokens', tokens)];
    },
  },
  {
    id: 'PB-IAM-002',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_launch_template'],
    title: 'Launch templates keep the metadata hop limit at 2 or less',
    rationale: 'Each hop lets the node\'s credentials travel one network namespace further; above 2 they reach '
      + 'containers on nested networks.',
    fix: 'Set metadata_options.http_put_response_hop_limit = 1 (pods then use IRSA or Pod Identity, not the node role).',
    check: (r) => {
      const limit = numberOf(blocks(r.config.metadata_options)[0]?.http_put_response_hop_limit);
      return limit !== undefined && limit > 2 ? [`metadata_options.http_put_response_hop_limit = ${limit}`] : [];
    },
  },
  {
    id: 'PB-IAM-003',
    level: PolicyLevel.WARNING,
    area: AREA,
    resourceTypes: ['aws_launch_template'],
    title: 'Launch templates set the metadata hop limit to 1',
    rationale: 'With a hop limit of 2 (or the AMI default, 2 on recent EKS AMIs) every pod without host '
      + 'networking can read the node role\'s credentials from IMDS.',
    fix: 'Set metadata_options.http_put_response_hop_limit = 1; acknowledge this warning for node groups whose '
      + 'pods need IMDS (and prefer IRSA or Pod Identity for them).',
    check: (r) => {
      const raw = blocks(r.config.metadata_options)[0]?.http_put_response_hop_limit;
      if (isExpression(raw)) return [];
      const limit = numberOf(raw);
      if (limit === undefined) return ['metadata_options.http_put_response_hop_limit is not set (the AMI decides)'];
      return limit === 2 ? ['metadata_options.http_put_response_hop_limit = 2'] : [];
    },
  },
  {
    id: 'PB-IAM-004',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role',
      'aws_kms_key', 'data.aws_iam_policy_document'],
    title: 'IAM policies do not allow "*" or "service:*" actions on Resource "*"',
    rationale: 'A wildcard action on every resource is administrator access to a service (or to the account); '
      + 'a leaked credential then has no blast-radius limit. Key policies are exempt for the statement that '
      + 'delegates the key to the account root: Resource "*" there means only the key itself.',
    fix: 'List the actions the principal needs and scope Resource to the ARNs it works on.',
    check: (r) => {
      const { statements, keyPolicy } = documentStatements(r);
      return statements
        .filter((s) => (s.effect ?? 'Allow') === 'Allow')
        .filter((s) => s.resources.includes('*'))
        .filter((s) => !(keyPolicy && !s.otherPrincipals && s.awsPrincipals.length > 0 && s.awsPrincipals.every(isAccountRoot)))
        .flatMap((s) => {
          const wild = s.actions.filter(isWildcardAction);
          return wild.length ? [`${s.label} allows ${wild.map((a) => `"${a}"`).join(', ')} on Resource "*"`] : [];
        });
    },
  },
  {
    id: 'PB-IAM-005',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['*'],
    title: `No literal secrets in ${SECRET_ATTRIBUTES.join(', ')}`,
    rationale: 'A literal secret is committed with the code and readable by everyone with repository access; '
      + 'it cannot be rotated without a code change.',
    fix: 'Let the service manage the secret (RDS manage_master_user_password = true), or pass a reference '
      + '(random_password, a sensitive variable, a Secrets Manager data source) instead of a literal.',
    check: (r) => r.type.startsWith('data.') ? [] : literalSecrets(r.config, '', [])
      .map((p) => `${p} is a literal value (value not shown)`),
  },
];
