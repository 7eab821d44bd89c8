import { Token } from 'cdktf';
import { invalidProp } from '../private/errors';

/** Oldest minor version accepted by `KubernetesVersion.of`: older ones are past the end of EKS extended support. */
const MIN_MINOR = 30;
const VERSION_RE = /^1\.(\d{2})$/;

/**
 * A Kubernetes minor version for an EKS control plane (`1.NN`).
 *
 * Each minor gets about 14 months of EKS standard support and 12 more of (paid) extended support. As of
 * late 2026, 1.32 and 1.33 are in extended support (set `supportType: EksSupportType.EXTENDED` on the
 * cluster to keep them), 1.34 is in standard support.
 */
export class KubernetesVersion {
  /** Kubernetes 1.32 (EKS extended support from March 2026). */
  public static readonly V1_32 = new KubernetesVersion('1.32');
  /** Kubernetes 1.33 (EKS extended support from July 2026). */
  public static readonly V1_33 = new KubernetesVersion('1.33');
  /** Kubernetes 1.34 (EKS standard support until about December 2026): the default. */
  public static readonly V1_34 = new KubernetesVersion('1.34');

  /**
   * Any minor version in the form `1.NN`, for versions newer than this library's constants (for example
   * `KubernetesVersion.of('1.35')`). Add-on versions are pinned only for the constants; for other versions
   * give `addonVersions` on the cluster, or EKS installs its default add-on version for that release.
   */
  public static of(version: string): KubernetesVersion {
    if (Token.isUnresolved(version)) return new KubernetesVersion(version);
    const m = VERSION_RE.exec(version);
    if (!m) {
      invalidProp('KubernetesVersion', 'version', version, "must be a Kubernetes minor version in the form '1.NN'",
        "Give the minor version only, for example KubernetesVersion.of('1.35') (not 'v1.35' or '1.35.2').");
    }
    if (Number(m[1]) < MIN_MINOR) {
      invalidProp('KubernetesVersion', 'version', version, `must be 1.${MIN_MINOR} or newer (older versions are past the end of EKS support)`,
        'Use KubernetesVersion.V1_34 (the default) or newer.');
    }
    return new KubernetesVersion(version);
  }

  /**
   * @param version the minor version string, e.g. '1.34'
   */
  private constructor(public readonly version: string) {}

  /** The version string, e.g. '1.34'. */
  public toString(): string {
    return this.version;
  }
}

/** EKS support policy for a cluster once its version leaves standard support. */
export class EksSupportType {
  /**
   * Standard support only: when the version reaches the end of standard support, EKS upgrades the control
   * plane automatically to the next version (no extended-support charges).
   */
  public static readonly STANDARD = new EksSupportType('STANDARD');
  /**
   * Extended support: the cluster may stay on its version for 12 more months, billed at a higher hourly rate.
   */
  public static readonly EXTENDED = new EksSupportType('EXTENDED');

  /** @param value the EKS API value of the support type (`STANDARD` or `EXTENDED`), as in `upgrade_policy.support_type` */
  private constructor(public readonly value: string) {}
}
