import * as util from 'util';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { EXISTING_NETWORK } from './fixtures';
import * as lib from '../../src';
import { HaPostgres } from '../../src/data/ha-postgres';
import { HaRedis } from '../../src/data/ha-redis';
import { HaVpc } from '../../src/network/ha-vpc';
import { PropValidationError } from '../../src/policy/prop-validation-error';
import { cidrProblem } from '../../src/private/cidr';
import { invalidProp } from '../../src/private/errors';

/** The exact wording of the messages a consumer reads, and the shape of the error they catch. */

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const NETWORK = EXISTING_NETWORK;
const stackIn = (region?: string) => {
  const s = new TerraformStack(Testing.app(), 'infra');
  if (region) new AwsProvider(s, 'aws', { region });
  return s;
};
const caught = (f: () => void): any => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
};

describe('PropValidationError', () => {
  test('is exported from the package, with a name constant and a type test', () => {
    expect(lib.PropValidationError).toBe(PropValidationError);
    expect(lib.PropValidationError.ERROR_NAME).toBe('PropValidationError');
  });

  test('is an Error with the fields of the message; isPropValidationError recognizes it (and one from another copy by name)', () => {
    const e = caught(() => invalidProp("HaPostgres 'db'", 'backupRetentionDays', 3, 'must be between 7 and 35', 'Use 30.'));
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(PropValidationError);
    expect(e.name).toBe('PropValidationError');
    expect(e.message).toBe("HaPostgres 'db': backupRetentionDays must be between 7 and 35 (got 3). Use 30.");
    expect([e.construct, e.prop, e.value, e.rule, e.fix]).toEqual(["HaPostgres 'db'", 'backupRetentionDays', 3, 'must be between 7 and 35', 'Use 30.']);
    expect(PropValidationError.isPropValidationError(e)).toBe(true);
    expect(PropValidationError.isPropValidationError({ name: 'PropValidationError', message: 'x' })).toBe(true);
    expect(PropValidationError.isPropValidationError(new Error('x'))).toBe(false);
    expect(PropValidationError.isPropValidationError(undefined)).toBe(false);
  });

  test('prints once: no field dump after the stack, and the first frame is the caller, not the library', () => {
    const e = caught(() => new HaPostgres(stackIn('us-east-1'), 'db', { name: 'pay', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], backupRetentionDays: 3 }));
    // Node prints an error's own enumerable fields after the stack ({ construct: ..., rule: ..., fix: ... }).
    expect(Object.keys(e)).toEqual([]);
    expect(util.inspect({ ...e })).toBe('{}');
    const frames = String(e.stack).split('\n').filter((l) => /^\s+at /.test(l));
    expect(frames[0]).toContain('messages.test.ts');
    expect(frames.some((l) => /[\\/]src[\\/](data|private|policy)[\\/]/.test(l))).toBe(false);
  });
});

describe('messages that say what is wrong', () => {
  test.each([
    ['10.420.0.0/16', 'octet 420 is not between 0 and 255'],
    ['10.0.0.0/33', 'prefix /33 is longer than /32'],
    ['10.0.0.1/16', 'host bits are set (the network of that block is 10.0.0.0/16)'],
    ['10.0.0/16', "it is not in the form 'a.b.c.d/n'"],
    ['10.0.0.0/16', undefined],
  ])('CIDR %s: %s', (cidr, problem) => {
    expect(cidrProblem(cidr)).toBe(problem);
  });

  test("'10.420.0.0/16' is reported as an invalid octet, not as host bits", () => {
    expect(() => new HaVpc(stackIn('us-east-1'), 'net', { name: 'pay', availabilityZones: AZS, cidrBlock: '10.420.0.0/16' }))
      .toThrow("HaVpc 'net': cidrBlock must be an IPv4 network in CIDR notation: octet 420 is not between 0 and 255 (got '10.420.0.0/16').");
  });

  test("'35' from JavaScript is reported as a string, not as out of range", () => {
    expect(() => new HaPostgres(stackIn('us-east-1'), 'db', {
      name: 'pay', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], backupRetentionDays: '35' as unknown as number,
    })).toThrow("HaPostgres 'db': backupRetentionDays must be a number, not a string (it must be between 7 and 35 for production) (got '35'). Pass 35 without quotes.");
  });

  test('a numeric string for a string prop keeps its own rule', () => {
    expect(() => new HaVpc(stackIn('us-east-1'), 'net', { name: '35', availabilityZones: AZS }))
      .toThrow(/name must be 2-40 lower-case letters/);
  });

  test('zones of another region than the stack provider fail at construction', () => {
    expect(() => new HaVpc(stackIn('eu-west-1'), 'net', { name: 'pay', availabilityZones: AZS }))
      .toThrow("HaVpc 'net': availabilityZones must be zones of the stack's AWS provider region 'eu-west-1' "
        + `(got ${JSON.stringify(AZS)}). Use zones such as 'eu-west-1a', 'eu-west-1b', 'eu-west-1c', or leave availabilityZones unset`);
  });

  test('a provider added after the VPC is checked at synth', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const s = new TerraformStack(app, 'infra');
    new HaVpc(s, 'net', { name: 'pay', availabilityZones: AZS });
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    expect(() => app.synth()).toThrow(/availabilityZones must be zones of the stack's AWS provider region 'eu-west-1'/);
  });

  test("zones of the provider's region, Local Zones included, pass", () => {
    expect(() => new HaVpc(stackIn('us-west-2'), 'net', {
      name: 'pay', availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2-lax-1a'],
    })).not.toThrow();
    expect(() => new HaRedis(stackIn('us-east-1'), 'redis', {
      name: 'pay', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], preferredAvailabilityZones: ['us-east-1a', 'us-east-1b'],
    })).not.toThrow();
  });
});

describe('errors through ProductionEksPlatform name the prop the user set', () => {
  const BASE: lib.ProductionEksPlatformProps = {
    name: 'pay', region: 'us-east-1', acmeEmail: 'devops@example.com', owner: 'payments', adminPrincipalArns: ['arn:aws:iam::123456789012:role/admin'],
  };
  const through = (p: Partial<lib.ProductionEksPlatformProps>) =>
    caught(() => new lib.ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', { ...BASE, ...p }));

  test.each([
    // [what the user set, the prop the error must name, the building block that refused it, its own prop]
    [{ dbInstanceClass: 'm5.large' }, 'dbInstanceClass', "HaPostgres 'postgres'", 'instanceClass'],
    [{ postgres: { instanceClass: 'm5.large' } }, 'postgres.instanceClass', "HaPostgres 'postgres'", 'instanceClass'],
    [{ cacheNodeType: 'r7g.large' }, 'cacheNodeType', "HaRedis 'redis'", 'nodeType'],
    [{ nodeInstanceTypes: [] }, 'nodeInstanceTypes', "HaNodeGroup 'nodes'", 'instanceTypes'],
    [{ clusterPublicAccessCidrs: ['0.0.0.0/0'] }, 'clusterPublicAccessCidrs', "HaEksCluster 'cluster'", 'publicAccessCidrs'],
    [{ cluster: { coreDnsReplicas: 1 } }, 'cluster.coreDnsReplicas', "HaEksCluster 'cluster'", 'coreDnsReplicas'],
    [{ nodeGroup: { minSize: 0 } }, 'nodeGroup.minSize', "HaNodeGroup 'nodes'", 'minSize'],
    [{ postgres: { backupRetentionDays: 3 } }, 'postgres.backupRetentionDays', "HaPostgres 'postgres'", 'backupRetentionDays'],
    [{ vpc: { cidrBlock: '10.420.0.0/16' } }, 'vpc.cidrBlock', "HaVpc 'network'", 'cidrBlock'],
    [{ alerting: { emailAddresses: ['oncall'] } }, 'alerting.emailAddresses', "NotificationTopic 'alerts'", 'emailAddresses'],
    [{ alerting: { postgres: { cpuPercent: 150 } } }, 'alerting.postgres.cpuPercent', "PostgresAlarms 'postgres'", 'cpuPercent'],
    [{ alerting: { cluster: { certificateExpiryDays: 90 } } }, 'alerting.cluster.certificateExpiryDays', "ClusterAlarms 'cluster'", 'certificateExpiryDays'],
  ] as Array<[Partial<lib.ProductionEksPlatformProps>, string, string, string]>)('%j -> %s', (given, prop, block, inner) => {
    const e = through(given);
    expect(PropValidationError.isPropValidationError(e)).toBe(true);
    expect(e.construct).toBe("ProductionEksPlatform 'platform'");
    expect(e.prop).toBe(prop);
    expect(e.message.startsWith(`ProductionEksPlatform 'platform': ${prop} `)).toBe(true);
    // The building block that refused it is named once, at the end, for whoever debugs the library.
    expect(e.fix.endsWith(`(${block} refused it as ${inner}.)`)).toBe(true);
    expect(e.message.endsWith(e.fix)).toBe(true);
    // The first frame is still the caller's line.
    expect(String(e.stack).split('\n').find((l: string) => /^\s+at /.test(l))).toContain('messages.test.ts');
  });

  test('props the fix tells the user to set are restated too (supportType -> cluster.supportType)', () => {
    const app = Testing.app({ context: { 'cdktf-eks-platform:today': '2026-12-06' } });
    const e = caught(() => new lib.ProductionEksPlatform(new TerraformStack(app, 'infra'), 'platform', {
      ...BASE, kubernetesVersion: lib.KubernetesVersion.V1_34,
    }));
    expect([e.construct, e.prop]).toEqual(["ProductionEksPlatform 'platform'", 'kubernetesVersion']);
    expect(e.fix).toContain('set cluster.supportType: EksSupportType.EXTENDED');
    expect(e.fix).not.toMatch(/(?<![\w.])supportType:/);
  });

  test("a building block's own error is left as it is when used alone", () => {
    const e = caught(() => new HaPostgres(stackIn('us-east-1'), 'db', { name: 'pay', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], instanceClass: 'm5.large' }));
    expect([e.construct, e.prop]).toEqual(["HaPostgres 'db'", 'instanceClass']);
    expect(e.fix).not.toMatch(/refused it as/);
  });
});
