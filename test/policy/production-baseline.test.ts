import * as fs from 'fs';
import * as path from 'path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { baselineStack } from './baseline-stack';
import { HaVpc } from '../../src/network/ha-vpc';
import { PolicyLevel, ProductionBaseline } from '../../src/policy';

/** Annotations of one level on a construct, by message. */
function annotations(c: IConstruct, level: 'error' | 'warn' | 'info'): string[] {
  return c.node.metadata.filter((m) => m.type === `@cdktf/${level}`).map((m) => m.data as string);
}

/** The real synthesized JSON (cdk.tf.json) of the stack, `//` comments included. */
function synthesizedJson(app: App, stack: TerraformStack): any {
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
}

const SINGLE_AZ = { patch: { db: { multiAz: false } } };
const HA_FINDING = '[PB-HA-001] aws_db_instance.db (test/db): multi_az = false. Rule: RDS instances run Multi-AZ. Fix: Set multi_az = true.';
const HA_ACK = "ProductionBaseline.acknowledge(resource, 'PB-HA-001', '<why this is acceptable here>'), where resource is the construct at 'test/db' or one of its scopes";
const HA_MESSAGE = `${HA_FINDING} Or accept it on purpose: ${HA_ACK}.`;

describe('ProductionBaseline', () => {
  test('message names the rule, the Terraform address, the construct path, what is wrong and the fix', () => {
    const { stack } = baselineStack(SINGLE_AZ);
    const [finding] = ProductionBaseline.evaluate(stack);
    expect(finding).toEqual({
      ruleId: 'PB-HA-001',
      level: PolicyLevel.ERROR,
      resourceType: 'aws_db_instance',
      address: 'aws_db_instance.db',
      constructPath: 'test/db',
      detail: 'multi_az = false',
      fix: 'Set multi_az = true.',
      terraformFix: 'Set multi_az = true.',
      acknowledgeWith: HA_ACK,
      message: HA_MESSAGE,
      acknowledged: false,
      acknowledgementReason: undefined,
    });
  });

  test('an unacknowledged error fails synth (failOnError defaults to true) and is an error annotation', () => {
    const { stack, resources } = baselineStack(SINGLE_AZ);
    const baseline = ProductionBaseline.applyTo(stack);
    expect(baseline.failOnError).toBe(true);
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/db\] \[PB-HA-001\] aws_db_instance\.db \(test\/db\): multi_az = false\..*Fix: Set multi_az = true\./);
    expect(annotations(resources.db, 'error')).toEqual([HA_MESSAGE]);
  });

  test('app.synth() fails on an unacknowledged error', () => {
    const { stack } = baselineStack(SINGLE_AZ);
    const app = stack.node.root as App;
    ProductionBaseline.applyTo(app);
    expect(() => app.synth()).toThrow(/\[test\/db\] \[PB-HA-001\] aws_db_instance\.db/);
  });

  test('applied to an app, a stack created afterwards fails synth instead of going unchecked', () => {
    const app = Testing.app();
    ProductionBaseline.applyTo(app);
    const late = new TerraformStack(app, 'late');
    new AwsProvider(late, 'aws', { region: 'us-east-1' });
    expect(() => app.synth()).toThrow(/stack 'late' was created after ProductionBaseline.applyTo\(app\) and was not checked/);
  });

  test('a compliant stack synthesizes with the baseline applied', () => {
    const { stack } = baselineStack();
    const baseline = ProductionBaseline.applyTo(stack);
    const app = stack.node.root as App;
    expect(synthesizedJson(app, stack).resource.aws_db_instance.db.multi_az).toBe(true);
    expect(baseline.findings).toEqual([]);
    expect(baseline.report()).toBe('Production baseline: 0 error(s), 0 warning(s), 0 acknowledged');
  });

  test('failOnError: false reports errors as warnings and lets synth finish', () => {
    const { stack, resources } = baselineStack(SINGLE_AZ);
    const baseline = ProductionBaseline.applyTo(stack, { failOnError: false });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(annotations(resources.db, 'error')).toEqual([]);
    expect(annotations(resources.db, 'warn')).toEqual([HA_MESSAGE]);
    expect(baseline.report()).toBe(`Production baseline: 1 error(s), 0 warning(s), 0 acknowledged\n  ERROR    ${HA_MESSAGE}`);
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });

  test('warnings never fail synth', () => {
    const { stack, resources } = baselineStack({ patch: { lt: { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 } } } });
    const baseline = ProductionBaseline.applyTo(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(annotations(resources.lt, 'warn')).toEqual([expect.stringMatching(/^\[PB-IAM-003\] aws_launch_template\.lt \(test\/lt\): .*hop_limit = 2/)]);
    expect(baseline.findings.map((f) => [f.ruleId, f.level])).toEqual([['PB-IAM-003', PolicyLevel.WARNING]]);
  });

  test('an acknowledged finding does not fail synth; the reason is in the synthesized JSON and the report', () => {
    const { stack, resources } = baselineStack(SINGLE_AZ);
    ProductionBaseline.acknowledge(resources.db, 'PB-HA-001', 'staging copy: single-AZ to halve the cost');
    const baseline = ProductionBaseline.applyTo(stack);
    const json = synthesizedJson(stack.node.root as App, stack);
    expect(json.resource.aws_db_instance.db['//'][ProductionBaseline.ACKNOWLEDGEMENT_COMMENT_KEY])
      .toEqual({ 'PB-HA-001': 'staging copy: single-AZ to halve the cost' });
    expect(annotations(resources.db, 'error')).toEqual([]);
    expect(annotations(resources.db, 'info')).toEqual([`${HA_FINDING} Acknowledged: staging copy: single-AZ to halve the cost`]);
    expect(baseline.findings).toEqual([expect.objectContaining({
      ruleId: 'PB-HA-001', acknowledged: true, acknowledgementReason: 'staging copy: single-AZ to halve the cost',
    })]);
    expect(baseline.report()).toBe([
      'Production baseline: 0 error(s), 0 warning(s), 1 acknowledged',
      '  ACKNOWLEDGED [PB-HA-001] aws_db_instance.db (test/db): multi_az = false. Reason: staging copy: single-AZ to halve the cost',
    ].join('\n'));
  });

  test('an acknowledgement on a construct covers every resource under it, and only that rule', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const staging = new Construct(stack, 'staging');
    const db = (scope: Construct, id: string) => new DbInstance(scope, id, { instanceClass: 'db.t4g.micro', multiAz: false });
    db(staging, 'a');
    db(staging, 'b');
    db(stack, 'prod');
    ProductionBaseline.acknowledge(staging, 'PB-HA-001', 'staging: single-AZ');
    const findings = ProductionBaseline.evaluate(stack).filter((f) => f.ruleId === 'PB-HA-001');
    expect(findings.map((f) => [f.constructPath.replace('test/', ''), f.acknowledged])).toEqual([
      ['staging/a', true],
      ['staging/b', true],
      ['prod', false],
    ]);
    const other = ProductionBaseline.evaluate(staging).filter((f) => f.ruleId !== 'PB-HA-001');
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((f) => !f.acknowledged)).toBe(true);
  });

  test('the nearest acknowledgement wins', () => {
    const { stack, resources } = baselineStack(SINGLE_AZ);
    ProductionBaseline.acknowledge(stack, 'PB-HA-001', 'whole stack is a test environment');
    ProductionBaseline.acknowledge(resources.db, 'PB-HA-001', 'this database is a throwaway copy');
    expect(ProductionBaseline.evaluate(stack)[0].acknowledgementReason).toBe('this database is a throwaway copy');
  });

  test('acknowledging needs a reason and a known rule', () => {
    const { stack, resources } = baselineStack();
    expect(() => ProductionBaseline.acknowledge(resources.db, 'PB-HA-001', '  ')).toThrow(/reason must not be empty/);
    expect(() => ProductionBaseline.acknowledge(stack, 'PB-XYZ-001', 'because')).toThrow(/ruleId must be the id of a baseline rule \(got 'PB-XYZ-001'\)/);
  });

  test('an acknowledgement that covers no finding is flagged as stale', () => {
    const { stack, resources } = baselineStack();
    ProductionBaseline.acknowledge(resources.db, 'PB-HA-001', 'was single-AZ once');
    ProductionBaseline.applyTo(stack);
    Testing.synth(stack, true);
    expect(annotations(resources.db, 'warn')).toEqual([expect.stringMatching(/^\[PB-HA-001\] acknowledgement on test\/db covers no finding/)]);
  });

  test('escape-hatch overrides are checked, since rules read the synthesized configuration', () => {
    const { stack, resources } = baselineStack();
    (resources.db as DbInstance).addOverride('publicly_accessible', true);
    expect(ProductionBaseline.evaluate(stack).map((f) => f.ruleId)).toEqual(['PB-NET-002']);
  });

  test('synthesizing twice reports each finding once', () => {
    const { stack, resources } = baselineStack(SINGLE_AZ);
    const baseline = ProductionBaseline.applyTo(stack, { failOnError: false });
    Testing.synth(stack);
    Testing.synth(stack);
    expect(annotations(resources.db, 'warn')).toHaveLength(1);
    expect(baseline.findings).toHaveLength(1);
  });

  test('applied to an app it checks every stack; applied to a construct only what is under it', () => {
    const app = Testing.app();
    const makeStack = (id: string) => {
      const s = new TerraformStack(app, id);
      new AwsProvider(s, 'aws', { region: 'us-east-1' });
      const group = new Construct(s, 'group');
      new DbInstance(group, 'db', { instanceClass: 'db.t4g.micro', multiAz: false });
      new DbInstance(s, 'outside', { instanceClass: 'db.t4g.micro', multiAz: false });
      return { s, group };
    };
    const one = makeStack('one');
    const two = makeStack('two');
    const all = ProductionBaseline.applyTo(app, { failOnError: false });
    const part = ProductionBaseline.applyTo(one.group, { failOnError: false });
    Testing.synth(one.s);
    Testing.synth(two.s);
    const stacksOf = (b: ProductionBaseline) => [...new Set(b.findings.map((f) => f.constructPath.split('/').slice(0, 2).join('/')))].sort();
    expect(stacksOf(all)).toEqual(['one/group', 'one/outside', 'two/group', 'two/outside']);
    expect(stacksOf(part)).toEqual(['one/group']);
  });
});

describe('ProductionBaseline on the library constructs', () => {
  test('HaVpc passes the baseline', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
    expect(ProductionBaseline.evaluate(stack)).toEqual([]);
  });

  test('HaVpc with preventDestroy: false is reported for its key and log group', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new HaVpc(stack, 'net', { name: 'ai-agents-prod', preventDestroy: false });
    expect(ProductionBaseline.evaluate(stack).map((f) => `${f.ruleId} ${f.resourceType}`).sort())
      .toEqual(['PB-RET-006 aws_cloudwatch_log_group', 'PB-RET-006 aws_kms_key']);
  });
});
