/**
 * Facts about the two NGINX ingress controller charts: the oldest chart version carrying the security fixes
 * known today, and the Kubernetes versions upstream tests each pinned release line on. Checked against the
 * pins by test/addons/ingress-controller-facts.test.ts.
 */
export interface IngressControllerFacts {
  readonly chart: string;
  /** Oldest chart version with every fix listed in `fixes`. */
  readonly patchedFrom: string;
  readonly fixes: string[];
  /** Kubernetes minors upstream tests the pinned release line on (inclusive). */
  readonly kubernetes: { readonly min: string; readonly max: string };
  readonly released: string;
  readonly source: string;
}

export const INGRESS_CONTROLLER_FACTS: IngressControllerFacts[] = [
  {
    chart: 'nginx-ingress',
    patchedFrom: '2.6.2', // NGINX Ingress Controller 5.5.2, 2026-07-15
    fixes: ['CVE-2026-55723', 'CVE-2026-52865'],
    kubernetes: { min: '1.29', max: '1.36' }, // 5.5.x: "fully tested on 1.29 - 1.36"
    released: '2026-07-16', // 5.5.4 / chart 2.6.4
    source: 'https://github.com/nginx/documentation/blob/76d2906026e513dda715e6017c2b268326ef0098/content/nic/changelog/_index.md; '
      + 'chart: https://github.com/nginx/kubernetes-ingress/tree/f92a24e4fd2b52c72739c4a1f4f9bb6424bf5731/charts/nginx-ingress (tag v5.5.4)',
  },
  {
    chart: 'ingress-nginx',
    // Retired: 4.15.1 is the final release; nothing later will carry fixes.
    patchedFrom: '4.15.1',
    fixes: [],
    kubernetes: { min: '1.31', max: '1.35' }, // README "Supported Versions table", v1.15.1
    released: '2026-03-19',
    source: 'https://github.com/kubernetes/ingress-nginx/blob/dbb11b92ddb77bee9c35e462479129354c84f939/README.md; '
      + 'chart: https://github.com/kubernetes/ingress-nginx/tree/0a5901f3c64f11e92e487799b8da3f00cca37515/charts/ingress-nginx (tag helm-chart-4.15.1)',
  },
];

/** Compares dotted versions numerically ('2.6.10' > '2.6.2'). */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
