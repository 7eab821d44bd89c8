import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { AssetType, ITerraformDependable, Lazy, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { KubeObject } from './manifests';
import { invalidProp } from '../../private/errors';

/**
 * The one template of the local chart: every object from `.Values.objects`, as YAML documents. The chart
 * itself never changes; the objects travel in the release values, so Terraform sees (and plans) every
 * change to them, and no object content is ever parsed as a Helm template.
 */
const TEMPLATE = `{{- range .Values.objects }}
---
{{ toYaml . }}
{{- end }}
`;

const CHART_YAML = `apiVersion: v2
name: platform-objects
description: Kubernetes objects rendered by the eks-platform construct library (values.objects).
type: application
version: 1.0.0
`;

/** Writes the static chart once per process (idempotent) and returns its directory. */
function chartDirectory(): string {
  const hash = crypto.createHash('sha256').update(CHART_YAML).update(TEMPLATE).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `eks-platform-object-chart-${hash}`);
  const files: Array<[string, string]> = [
    [path.join(dir, 'Chart.yaml'), CHART_YAML],
    [path.join(dir, 'templates', 'objects.yaml'), TEMPLATE],
  ];
  for (const [file, content] of files) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  }
  return dir;
}

/** Settings every release of the platform shares: roll back a failed install or upgrade, keep history short. */
export const RELEASE_DEFAULTS: Partial<ReleaseConfig> = {
  atomic: true,
  cleanupOnFail: true,
  maxHistory: 10,
  timeout: 900,
};

export interface ObjectChartProps {
  /** Helm release name. */
  readonly releaseName: string;
  /** Namespace that holds the release record (objects name their own namespaces). */
  readonly namespace: string;
  readonly description: string;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Helm release of plain Kubernetes objects through a local chart written at synth time (copied into the
 * stack output as an asset). Objects can be added until synthesis.
 */
export class ObjectChart extends Construct {
  public readonly release: Release;
  private readonly objects: KubeObject[] = [];

  constructor(scope: Construct, id: string, props: ObjectChartProps) {
    super(scope, id);
    const asset = new TerraformAsset(this, 'chart', { path: chartDirectory(), type: AssetType.DIRECTORY });
    this.release = new Release(this, 'release', {
      ...RELEASE_DEFAULTS,
      name: props.releaseName,
      namespace: props.namespace,
      description: props.description,
      chart: `./${asset.path}`,
      values: [Lazy.stringValue({ produce: () => JSON.stringify({ objects: this.objects }, undefined, 2) })],
      dependsOn: props.dependsOn,
    });
  }

  public add(...objects: KubeObject[]): void {
    for (const o of objects) {
      const clash = this.objects.find((x) => x.kind === o.kind && x.metadata.name === o.metadata.name &&
        x.metadata.namespace === o.metadata.namespace);
      if (clash) {
        invalidProp(this.node.path, 'objects', `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, 'must not define an object twice',
          'Give the object another name.');
      }
      this.objects.push(o);
    }
  }

  /** The objects so far (copies). */
  public get manifests(): KubeObject[] {
    return this.objects.map((o) => JSON.parse(JSON.stringify(o)));
  }
}
