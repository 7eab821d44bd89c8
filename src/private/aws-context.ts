import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

const ID = 'AwsContext';

/**
 * Account, partition and region of a stack, read once per stack through data sources (no API call beyond
 * the provider's own) and shared by every construct in it, so ARNs are never hard-coded to `aws`.
 */
export class AwsContext extends Construct {
  /** The context of the stack that contains `scope`, created on first use. */
  public static of(scope: IConstruct): AwsContext {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(ID) as AwsContext | undefined) ?? new AwsContext(stack, ID);
  }

  public readonly accountId: string;
  public readonly partition: string;
  public readonly dnsSuffix: string;
  public readonly region: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, 'caller');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    this.accountId = caller.accountId;
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
    this.region = region.name;
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>`; pass '' for global services' region. */
  public arn(service: string, resource: string, region: string = this.region): string {
    return `arn:${this.partition}:${service}:${region}:${this.accountId}:${resource}`;
  }

  /** The account's root principal ARN. */
  public get rootArn(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }
}
