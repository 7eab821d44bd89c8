/**
 * The Amazon EKS Kubernetes release calendar: the one table of support dates the library checks versions
 * against (ISO dates, UTC). Source: the "Amazon EKS Kubernetes release calendar" table of
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (the page's text states the 14
 * months of standard and 12 of extended support; the rows were read from verbatim quotes of that table dated
 * 2026-07 to 2026-08, which agree with each other and with endoflife.date/amazon-eks). When EKS releases a
 * version, add its row here and a `KubernetesVersion` constant; the tests say what else must follow.
 *
 * Kubernetes 1.37 (checked 2026-12-06): upstream released it (kubernetes.io/releases/1.37 lists 1.37.1 on
 * 2026-09-15), but no stored copy of the EKS user guide's kubernetes-versions page or release calendar lists
 * 1.37, so it has no row; `KubernetesVersion.of('1.37')` synthesizes with a warning until one is added.
 */
export const EKS_VERSION_CALENDAR_SOURCE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar';

/** Support dates of one Kubernetes minor version on EKS. */
export interface EksVersionDates {
  /** Date EKS released the version. */
  readonly eksRelease: string;
  /** Last day of standard support: then EKS bills extended support, or (support type STANDARD) upgrades the control plane. */
  readonly endOfStandardSupport: string;
  /** Last day of extended support: then EKS upgrades the control plane whatever the support type. */
  readonly endOfExtendedSupport: string;
}

export const EKS_VERSION_CALENDAR: { readonly [minor: string]: EksVersionDates } = {
  '1.30': { eksRelease: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  '1.31': { eksRelease: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  '1.32': { eksRelease: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  '1.33': { eksRelease: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  '1.34': { eksRelease: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  '1.35': { eksRelease: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
  '1.36': { eksRelease: '2026-06-02', endOfStandardSupport: '2027-08-02', endOfExtendedSupport: '2028-08-02' },
};
