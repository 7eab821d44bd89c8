import * as fs from 'fs';
import * as path from 'path';
import { emptyStack } from './helpers';
import { Observability, ObservabilityProps } from '../../src/addons';
import {
  FLUENT_BIT_5_CHECKED, FLUENT_BIT_CHART_IMAGE, FLUENT_BIT_IMAGE_RELEASES, FLUENT_BIT_IMAGE_SUPPORT, FLUENT_BIT_PATCHED_FROM,
} from '../facts/aws-for-fluent-bit';
import { compareVersions } from '../facts/ingress-controllers';

/** The Fluent Bit image pin against the image facts (test/facts/aws-for-fluent-bit.ts). */

function observability(props: Partial<ObservabilityProps> = {}): Observability {
  const { stack } = emptyStack();
  return new Observability(stack, 'obs', { clusterName: 'ai-agents-prod', region: 'us-east-1', ...props });
}

/** Why an image tag falls short of the facts, or undefined when it is patched and on a supported line. */
export function imageTagProblem(tag: string): string | undefined {
  if (Number(tag.split('.')[0]) !== FLUENT_BIT_IMAGE_SUPPORT.supportedMajor) {
    return `${tag} is not on the supported ${FLUENT_BIT_IMAGE_SUPPORT.supportedMajor}.x line`;
  }
  if (compareVersions(tag, FLUENT_BIT_PATCHED_FROM.version) < 0) {
    return `${tag} is older than ${FLUENT_BIT_PATCHED_FROM.version}, the first release with ${FLUENT_BIT_PATCHED_FROM.fixes.map((f) => f.cve).join(', ')}`;
  }
  return undefined;
}

/** Dotted leaf paths of a values map. */
function leafPaths(value: Record<string, unknown>, prefix: string): string[] {
  return Object.entries(value).flatMap(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? leafPaths(v as Record<string, unknown>, `${prefix}.${k}`) : [`${prefix}.${k}`]));
}

/** The `cloudwatch_logs` settings our values reach that the Fluent Bit 5.0 docs do not document (or that are unmapped). */
export function undocumentedCloudWatchSettings(cloudWatchLogs: Record<string, unknown>): string[] {
  return leafPaths(cloudWatchLogs, 'cloudWatchLogs')
    .filter((p) => p !== 'cloudWatchLogs.enabled')
    .filter((p) => !FLUENT_BIT_5_CHECKED.cloudWatchLogsDocumented.includes(FLUENT_BIT_5_CHECKED.cloudWatchLogsKeys[p]));
}

describe('the Fluent Bit image against the image facts', () => {
  test('the pinned release carries the recorded security fixes and is on the supported 3.x line', () => {
    expect(imageTagProblem(Observability.FLUENT_BIT_IMAGE_TAG)).toBeUndefined();
    // the chart's own default does not: that is why the library sets the tag
    expect(imageTagProblem(FLUENT_BIT_CHART_IMAGE.defaults.tag)).toMatch(/older than 3\.4\.13/);
  });

  test('the pin is a release the facts record, with its source', () => {
    const pinned = FLUENT_BIT_IMAGE_RELEASES.find((r) => r.version === Observability.FLUENT_BIT_IMAGE_TAG);
    expect(pinned).toBeDefined();
    expect(pinned!.source).toMatch(/^https:\/\/github\.com\//);
    expect(pinned!.base).toMatch(/Amazon Linux 2023/);
  });

  test('the values set the image keys chart 0.2.0 reads, and the DaemonSet image is the pinned one', () => {
    const o = observability();
    expect(Observability.FLUENT_BIT_CHART_VERSION).toBe(FLUENT_BIT_CHART_IMAGE.chartVersion);
    const chartFacts = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'facts', 'charts', 'aws-for-fluent-bit.json'), 'utf8'));
    const read: string[] = chartFacts.templates[FLUENT_BIT_CHART_IMAGE.chartVersion].valuesRead;
    for (const key of FLUENT_BIT_CHART_IMAGE.valuesKeys) expect(read).toContain(key);
    const image = o.fluentBitValues.image;
    expect(Object.keys(image).map((k) => `image.${k}`).sort()).toEqual(FLUENT_BIT_CHART_IMAGE.valuesKeys);
    expect(image.repository).toBe(FLUENT_BIT_CHART_IMAGE.defaults.repository); // the official public ECR image, as the chart
    expect(FLUENT_BIT_CHART_IMAGE.reference(image.repository, image.tag))
      .toBe(`public.ecr.aws/aws-observability/aws-for-fluent-bit:${Observability.FLUENT_BIT_IMAGE_TAG}`);
    expect(o.fluentBitImage).toBe(FLUENT_BIT_CHART_IMAGE.reference(image.repository, image.tag));
  });

  test('the README and the upgrade notes name the pinned image', () => {
    const root = path.join(__dirname, '..', '..');
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Fluent Bit runs image ${Observability.FLUENT_BIT_IMAGE_TAG},`);
    expect(fs.readFileSync(path.join(root, 'docs', 'upgrading', 'fluent-bit.md'), 'utf8').split('\n')[0])
      .toContain(`to ${Observability.FLUENT_BIT_IMAGE_TAG} `);
  });

  test('every cloudwatch_logs setting the values reach is documented for Fluent Bit 5.0', () => {
    expect(undocumentedCloudWatchSettings(observability().fluentBitValues.cloudWatchLogs)).toEqual([]);
  });

  test('the checks report what they should', () => {
    expect(imageTagProblem('3.4.12')).toMatch(/older than 3\.4\.13/);
    expect(imageTagProblem('3.10.0')).toBeUndefined(); // numeric, not string, order
    expect(imageTagProblem('2.34.3.20260623')).toMatch(/not on the supported 3\.x line/);
    expect(undocumentedCloudWatchSettings({ enabled: true, region: 'x', metricNamespace: 'n', logStreamName: 's' }))
      .toEqual(['cloudWatchLogs.metricNamespace', 'cloudWatchLogs.logStreamName']);
  });
});

describe('fluentBitImageTag', () => {
  test('a newer release replaces the pin', () => {
    const o = observability({ fluentBitImageTag: '3.4.20' });
    expect(o.fluentBitValues.image.tag).toBe('3.4.20');
    expect(o.fluentBitImage).toBe('public.ecr.aws/aws-observability/aws-for-fluent-bit:3.4.20');
  });

  test.each(['latest', 'stable', '3', '3.4', 'v3.4.13', 'public.ecr.aws/x:3.4.13', '3.4.13@sha256:ab'])('rejects %s', (tag) => {
    expect(() => observability({ fluentBitImageTag: tag }))
      .toThrow(/fluentBitImageTag must be an exact AWS for Fluent Bit release such as '3\.4\.13'.*aws-for-fluent-bit\/releases/s);
  });
});
