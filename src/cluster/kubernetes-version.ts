import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { EKS_VERSION_CALENDAR, EKS_VERSION_CALENDAR_SOURCE } from './eks-version-calendar';
import { invalidProp } from '../private/errors';

/** Oldest minor version accepted by `KubernetesVersion.of`: the oldest row of the EKS calendar. */
const MIN_MINOR = Math.min(...Object.keys(EKS_VERSION_CALENDAR).map((v) => Number(v.split('.')[1])));
const VERSION_RE = /^1\.(\d{2})$/;

/**
 * Context key of the date the support checks compare with (`YYYY-MM-DD`); for tests and for reproducing a
 * past synth. Without it the environment variable `EKS_PLATFORM_TODAY`, else the clock, gives the date.
 */
export const TODAY_CONTEXT_KEY = 'cdktf-eks-platform:today';
/** Warn this many days before a version leaves standard support. */
export const SUPPORT_WARNING_DAYS = 90;

/**
 * A Kubernetes minor version for an EKS control plane (`1.NN`).
 *
 * Each minor gets 14 months of EKS standard support and 12 more of (paid) extended support; the dates come
 * from the EKS Kubernetes release calendar (`endOfStandardSupport`, `endOfExtendedSupport`). At synth,
 * `HaEksCluster` refuses a version past the end of extended support, and (with support type STANDARD) one
 * past the end of standard support, and warns 90 days before a version leaves standard support.
 */
export class KubernetesVersion {
  /** Kubernetes 1.32 (EKS standard support until 2026-03-23, extended until 2027-03-23). */
  public static readonly V1_32 = new KubernetesVersion('1.32');
  /** Kubernetes 1.33 (EKS standard support until 2026-07-29, extended until 2027-07-29). */
  public static readonly V1_33 = new KubernetesVersion('1.33');
  /** Kubernetes 1.34 (EKS standard support until 2026-12-02, extended until 2027-12-02). */
  public static readonly V1_34 = new KubernetesVersion('1.34');
  /**
   * Kubernetes 1.35 (EKS standard support until 2027-03-27, extended until 2028-03-27): the default, one
   * minor after the previous default 1.34 (the version EKS itself moves 1.34 clusters to).
   */
  public static readonly V1_35 = new KubernetesVersion('1.35');
  /** Kubernetes 1.36 (EKS standard support until 2027-08-02, extended until 2028-08-02). */
  public static readonly V1_36 = new KubernetesVersion('1.36');

  /**
   * Any minor version in the form `1.NN`, for versions newer than this library's constants (for example
   * `KubernetesVersion.of('1.37')`). Versions the library's EKS calendar does not know yet get no support
   * checks (the cluster warns at synth).
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
        'Use KubernetesVersion.V1_35 (the default) or another version of the EKS calendar.');
    }
    return new KubernetesVersion(version);
  }

  /**
   * @param version the minor version string, e.g. '1.34'
   */
  private constructor(public readonly version: string) {}

  /** Last day of EKS standard support (`YYYY-MM-DD`). Undefined for a version the library's calendar does not list. */
  public get endOfStandardSupport(): string | undefined {
    return EKS_VERSION_CALENDAR[this.version]?.endOfStandardSupport;
  }

  /** Last day of EKS extended support (`YYYY-MM-DD`). Undefined for a version the library's calendar does not list. */
  public get endOfExtendedSupport(): string | undefined {
    return EKS_VERSION_CALENDAR[this.version]?.endOfExtendedSupport;
  }

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

/** The date (UTC midnight) the support checks compare with: see `TODAY_CONTEXT_KEY`. */
export function synthDate(scope: IConstruct): Date {
  const given = scope.node.tryGetContext(TODAY_CONTEXT_KEY) ?? process.env.EKS_PLATFORM_TODAY;
  if (given === undefined || given === '') {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  if (typeof given !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(Date.parse(given))) {
    invalidProp('KubernetesVersion', `context '${TODAY_CONTEXT_KEY}' (or EKS_PLATFORM_TODAY)`, given, 'must be a date in the form YYYY-MM-DD',
      "Give a date such as '2026-12-01', or leave it unset to use today's date.");
  }
  return new Date(`${given}T00:00:00Z`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The EKS support policy, checked at synth against the calendar: refuses a version past the end of extended
 * support, and one past the end of standard support with support type STANDARD (EKS upgrades such a control
 * plane itself; the next apply would then try to downgrade it and fail); warns when the version leaves
 * standard (or, with EXTENDED, extended) support within `SUPPORT_WARNING_DAYS` days.
 */
export function checkVersionSupport(scope: IConstruct, who: string, version: KubernetesVersion, supportType: EksSupportType): void {
  if (Token.isUnresolved(version.version)) return;
  const dates = EKS_VERSION_CALENDAR[version.version];
  if (!dates) {
    Annotations.of(scope).addWarning(`${who}: Kubernetes ${version.version} is not in this library's EKS release calendar, so its `
      + `support dates are not checked. Check them at ${EKS_VERSION_CALENDAR_SOURCE}.`);
    return;
  }
  const today = synthDate(scope);
  const isoToday = today.toISOString().slice(0, 10);
  const newest = Object.keys(EKS_VERSION_CALENDAR).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).pop();
  const daysUntil = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - today.getTime()) / DAY_MS);
  if (daysUntil(dates.endOfExtendedSupport) < 0) {
    invalidProp(who, 'kubernetesVersion', version.version,
      `is past the end of EKS extended support (${dates.endOfExtendedSupport}; today is ${isoToday}): EKS upgrades such a control plane itself, so the next apply would try to downgrade it`,
      `Use KubernetesVersion.V1_35 (the default) or newer (up to ${newest}); upgrade an existing cluster one minor version per apply. Dates: ${EKS_VERSION_CALENDAR_SOURCE}`);
  }
  const standardLeft = daysUntil(dates.endOfStandardSupport);
  if (supportType === EksSupportType.STANDARD && standardLeft < 0) {
    invalidProp(who, 'kubernetesVersion', version.version,
      `is past the end of EKS standard support (${dates.endOfStandardSupport}; today is ${isoToday}): with supportType STANDARD, EKS upgrades the control plane itself and the next apply would try to downgrade it`,
      `Upgrade to a newer version (up to ${newest}, one minor per apply), or set supportType: EksSupportType.EXTENDED to stay on ${version.version} until ${dates.endOfExtendedSupport} at the extended-support rate.`);
  }
  if (standardLeft >= 0 && standardLeft <= SUPPORT_WARNING_DAYS) {
    const then = supportType === EksSupportType.STANDARD
      ? 'EKS then upgrades the control plane itself (support type STANDARD) and the next apply would try to downgrade it'
      : 'EKS then bills extended support (support type EXTENDED)';
    Annotations.of(scope).addWarning(`${who}: Kubernetes ${version.version} leaves EKS standard support on ${dates.endOfStandardSupport} `
      + `(in ${standardLeft} days): ${then}. Upgrade kubernetesVersion to a newer minor before then.`);
  }
  const extendedLeft = daysUntil(dates.endOfExtendedSupport);
  if (standardLeft < 0 && extendedLeft <= SUPPORT_WARNING_DAYS) {
    Annotations.of(scope).addWarning(`${who}: Kubernetes ${version.version} leaves EKS extended support on ${dates.endOfExtendedSupport} `
      + `(in ${extendedLeft} days): EKS then upgrades the control plane itself and the next apply would try to downgrade it. Upgrade before then.`);
  }
}
