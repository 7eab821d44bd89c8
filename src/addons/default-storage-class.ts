import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ebsStorageClass } from './private/manifests';
import { ObjectChart } from './private/object-chart';
import { invalidProp } from '../private/errors';

/** Props of `DefaultStorageClass`. */
export interface DefaultStorageClassProps {
  /** KMS key (ARN) that encrypts the volumes (`HaEksCluster.ebsKmsKeyArn`). */
  readonly kmsKeyArn: string;

  /**
   * Name of the StorageClass.
   * @default 'gp3-encrypted'
   */
  readonly name?: string;

  /**
   * Resources the release waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The cluster's default StorageClass: EBS gp3, encrypted with a customer-managed key, bound when the pod is
 * scheduled (so the volume is created in the pod's zone), expandable, and `Retain` so deleting a claim never
 * deletes the data. The EBS CSI add-on's own default class is unencrypted, which is why it is not used.
 */
export class DefaultStorageClass extends Construct {
  /** Name of the StorageClass (marked as the cluster default). */
  public readonly name: string;
  private readonly chart: ObjectChart;

  /**
   * @param props KMS key, name and dependencies of the StorageClass
   */
  constructor(scope: Construct, id: string, props: DefaultStorageClassProps) {
    super(scope, id);
    this.name = props.name ?? 'gp3-encrypted';
    if (!Token.isUnresolved(props.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(props.kmsKeyArn)) {
      invalidProp(`DefaultStorageClass '${id}'`, 'kmsKeyArn', props.kmsKeyArn, 'must be a KMS key ARN',
        'Pass HaEksCluster.ebsKmsKeyArn (volumes must be encrypted with a customer-managed key).');
    }
    this.chart = new ObjectChart(this, 'objects', {
      releaseName: 'default-storage-class',
      namespace: 'kube-system',
      description: 'Default StorageClass: encrypted gp3 volumes',
      dependsOn: props.dependsOn,
    });
    this.chart.add(ebsStorageClass(this.name, props.kmsKeyArn, true));
  }

  /** The Helm release that installs the StorageClass. */
  public get release() {
    return this.chart.release;
  }
}
