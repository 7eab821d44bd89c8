/**
 * The example's placeholders synthesize but cannot be deployed: synth warns, loudly, whenever one is in use
 * (stderr, and a cdktf warning annotation that `cdktf synth` prints and manifest.json keeps).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { synthesizeExample } from './synth-example';
import { buildGuideEnvironment, GuideSettings, PLACEHOLDERS } from '../../examples/prod/environment';

const REAL: GuideSettings = {
  acmeEmail: 'platform-oncall@payments.acme.io',
  adminRoleArn: 'arn:aws:iam::210987654321:role/platform-admin',
  apiCidrs: [],
  owner: 'payments',
};

/** Synthesizes the guide's environment with `settings`; returns the infra stack's warnings and what went to stderr. */
function synth(settings: GuideSettings): { warnings: string[]; stderr: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'placeholders-'));
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const app = new App({ outdir });
    buildGuideEnvironment(app, settings);
    app.synth();
  } finally {
    spy.mockRestore();
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  const warnings = (manifest.stacks['ai-agents-prod-infra'].annotations ?? [])
    .filter((a: any) => a.level === '@cdktf/warn').map((a: any) => a.message as string);
  return { warnings, stderr: written.join('') };
}

describe('placeholder warnings of examples/prod', () => {
  test('the example run as is (no PLATFORM_* settings) carries both warnings in its manifest', () => {
    const example = synthesizeExample();
    fs.rmSync(example.outdir, { recursive: true, force: true });
    const messages = example.manifest.stacks['ai-agents-prod-infra'].annotations
      .filter((a: any) => a.level === '@cdktf/warn').map((a: any) => a.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^PLATFORM_ADMIN_ROLE_ARN is not set: the only cluster admin is the placeholder arn:aws:iam::123456789012:role\/platform-admin/),
      expect.stringMatching(/^PLATFORM_ACME_EMAIL is the placeholder devops@example.com/),
    ]));
  });

  test('the placeholder admin role: a warning on stderr and in the manifest, saying nobody gets access', () => {
    const { warnings, stderr } = synth({ ...REAL, adminRoleArn: PLACEHOLDERS.adminRoleArn });
    expect(warnings).toEqual([expect.stringMatching(/leaves nobody able to use the Kubernetes API.*Set PLATFORM_ADMIN_ROLE_ARN/)]);
    expect(stderr).toMatch(/^WARNING \(ai-agents-prod-infra\): PLATFORM_ADMIN_ROLE_ARN is not set/m);
  });

  test('the placeholder ACME e-mail: Let\'s Encrypt refuses example.com contacts', () => {
    const { warnings, stderr } = synth({ ...REAL, acmeEmail: PLACEHOLDERS.acmeEmail });
    expect(warnings).toEqual([expect.stringMatching(/Let's Encrypt refuses accounts at example.com.*Set PLATFORM_ACME_EMAIL/)]);
    expect(stderr).toMatch(/^WARNING \(ai-agents-prod-infra\): PLATFORM_ACME_EMAIL is the placeholder devops@example.com/m);
  });

  test('real settings: no warning at all', () => {
    const { warnings, stderr } = synth(REAL);
    expect(warnings).toEqual([]);
    expect(stderr).not.toMatch(/WARNING/);
  });
});
