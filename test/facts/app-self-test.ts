/**
 * Upstream facts the application self-test rests on, each with its source. The tests compare the code with
 * them (test/addons/app-self-test.test.ts); when one changes upstream, this file changes and the tests say what
 * else must follow. The image was not pulled here: its digest is taken from the official images' record.
 */

/** The official Python image the self-test runs in (Alpine: the smallest variant with the full standard library and CA certificates). */
export const PYTHON_IMAGE = {
  repository: 'docker.io/library/python',
  tag: '3.13-alpine3.23',
  /** Digest of the multi-platform image index (linux/amd64, linux/arm64 and others), not of one platform's manifest. */
  digest: 'sha256:6438599575cca0d1df94aeee0d2ae088d4d8846eab554b2ee7784a3a6df0d516',
  mediaType: 'application/vnd.oci.image.index.v1+json',
  pythonVersion: '3.13.15',
  alpineVersion: '3.23.6',
  built: '2026-09-17',
  /** The image installs ca-certificates (its first RUN layer): the public CA store the Redis TLS check uses. */
  caCertificates: true,
  source: 'github.com/docker-library/repo-info repos/python/remote/3.13-alpine3.23.md at commit 27b273677675a1ecbe5671d65986aa5dfe618a4f',
};

/** How `helm test` behaves, from Helm's source. */
export const HELM_TEST = {
  /** `helm test` sets the action's namespace from `-n` (settings.Namespace()), and `--logs` reads each test hook's pod by the hook's name in that namespace. */
  logsReadFromReleaseNamespace: true,
  /** The pod logs are printed after a failed test too; the command's error is returned after them. */
  logsPrintedAfterFailure: true,
  /** A hook without a delete policy gets `before-hook-creation`: the pod stays until the next run. */
  defaultDeletePolicy: 'before-hook-creation',
  /** `--filter name=<hook>` runs (and shows the logs of) only the named test hooks. */
  filterFlag: 'name',
  sources: [
    'github.com/helm/helm cmd/helm/release_testing.go at af4c243ee377ca1b52a55f5b5292bba33b25cf31 (client.Namespace = settings.Namespace(); logs printed, then runErr returned)',
    'github.com/helm/helm pkg/action/release_testing.go at 1f0c339a8bed4e80cc35bbd972db353b15d1e1d8 (GetPodLogs: Pods(r.Namespace).GetLogs(h.Name)); Helm 4 keeps Pods(r.Namespace) in getContainerLogs and adds IncludeNameFilter "name"',
    'github.com/helm/helm pkg/action/hooks.go (no delete policy -> HookBeforeHookCreation)',
  ],
};

/** The ElastiCache IAM authentication token, as AWS's sample signs it. */
export const ELASTICACHE_TOKEN = {
  service: 'elasticache',
  method: 'GET',
  /** The signed URL's host is the replication group id (no port), path `/`; the token is the URL without `http://`. */
  host: '<replication-group-id>',
  params: ['Action=connect', 'User=<user id>'],
  expiresSeconds: 900,
  source: 'github.com/aws-samples/elasticache-iam-auth-demo-app src/main/java/com/amazon/elasticache/IAMAuthTokenRequest.java at 546cdef1ec91e58848c0bc319d49f285f62f5c6a; https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html',
};

/** The RDS IAM authentication token: the AWS SDK for JavaScript v3 signer (the tests call it). */
export const RDS_TOKEN = {
  service: 'rds-db',
  host: '<host>:<port>',
  params: ['Action=connect', 'DBUser=<user>'],
  expiresSeconds: 900,
  source: 'npm @aws-sdk/rds-signer 3.1178.0 dist-cjs/index.js (Signer.getAuthToken)',
};
