import { appSelfTestCommand } from '../../src/addons/private/app-self-test';
import { APP_SELF_TEST_STEPS } from '../../src/addons/private/app-self-test-script';
import { appSelfTestRunbook } from '../../src/docs/app-self-test-runbook';

describe('runbook section of the application self-test', () => {
  const text = appSelfTestRunbook({ namespace: 'production', serviceAccount: 'app-sa', releaseName: 'app-production', releaseNamespace: 'production' });

  test('names the command the library generates, in a bash block', () => {
    expect(text).toContain(`\`\`\`bash\n${appSelfTestCommand('production', 'app-production', 'production')}\n\`\`\``);
    expect(text).toContain('kubectl logs -n production app-self-test-production');
  });

  test('explains every step of the script, in its order, each with a pass and a first check', () => {
    const rows = [...text.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$/gm)];
    expect(rows.map((r) => r[1])).toEqual(APP_SELF_TEST_STEPS);
    for (const r of rows) {
      expect(r[2].trim().length).toBeGreaterThan(10);
      expect(r[3].trim().length).toBeGreaterThan(10);
    }
    expect(text).toContain(`ok all: ${APP_SELF_TEST_STEPS.length} steps passed`);
  });

  test('for a release kept in another namespace, shows the kubectl variant', () => {
    const other = appSelfTestRunbook({ namespace: 'team-b', serviceAccount: 'team-b-sa', releaseName: 'platform-objects', releaseNamespace: 'kube-system' });
    expect(other).toContain('( helm test platform-objects -n kube-system --filter name=app-self-test-team-b; rc=$?; kubectl logs -n team-b app-self-test-team-b; exit $rc )');
  });
});
