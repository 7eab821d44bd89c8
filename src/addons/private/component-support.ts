import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  COMPONENT_CALENDAR, COMPONENT_CALENDAR_REVIEWED, COMPONENT_CALENDAR_STALE_DAYS, COMPONENT_WARNING_DAYS,
  ComponentCalendarEntry, ComponentLine,
} from '../../cluster/component-calendar';
import { KubernetesVersion, synthDate } from '../../cluster/kubernetes-version';
import { invalidProp } from '../../private/errors';

const DAY_MS = 24 * 60 * 60 * 1000;
const minorOf = (version: string): number => Number(version.split('.')[1]);

/** The calendar row of a pinned version (a chart version or image tag): the row whose `pins` is its `MAJOR.MINOR`. */
export function componentLineOf(key: string, pin: string): ComponentLine | undefined {
  const m = /^(v?\d+\.\d+)\./.exec(pin);
  return m ? calendarEntry(key).lines.find((l) => l.pins === m[1]) : undefined;
}

/** The last day of a line's support: the stated date, or the release date of the line that ends it (if known). */
export function endOfSupportOf(entry: ComponentCalendarEntry, line: ComponentLine): string | undefined {
  if (line.endOfSupport) return line.endOfSupport;
  return line.endsWithReleaseOf ? entry.lines.find((l) => l.line === line.endsWithReleaseOf)?.released : undefined;
}

/** Whether a line supports a Kubernetes minor (a bound upstream does not state does not limit). */
export function supportsKubernetes(line: ComponentLine, minor: string): boolean {
  const k = minorOf(minor);
  return (line.kubernetesMin === undefined || k >= minorOf(line.kubernetesMin))
    && (line.kubernetesMax === undefined || k <= minorOf(line.kubernetesMax));
}

function calendarEntry(key: string): ComponentCalendarEntry {
  const entry = COMPONENT_CALENDAR[key];
  if (!entry) throw new Error(`component calendar has no entry '${key}' (src/cluster/component-calendar.ts)`);
  return entry;
}

const rangeOf = (l: ComponentLine): string =>
  `${l.kubernetesMin ?? 'any'}-${l.kubernetesMax ?? 'newer'}`.replace('any-newer', 'any version').replace(/^(.*)-newer$/, '$1 and newer');

/**
 * Checks a pinned component version against the component calendar (see component-calendar.ts for the rules):
 * refuses a pin whose line does not support the cluster's Kubernetes version (a validation: synthesizing the
 * construct's stack fails with a `PropValidationError`, so an in-cluster pin never blocks the synth of the
 * infrastructure stack alone, e.g. `UpgradeSafety` comparisons); warns when the synth date is
 * past the line's end of support or within `COMPONENT_WARNING_DAYS` of it, when an open-ended line can no
 * longer be confirmed (stale calendar), and when the pin is in no row.
 *
 * @param who the construct, as messages name it (`CertManager 'cert-manager'`)
 * @param prop the prop that sets the pin (`chartVersion`, `imageTag`)
 * @param key the calendar key (the Helm chart's name, or `AUTOSCALER_IMAGE`)
 */
export function checkComponentSupport(
  scope: IConstruct, who: string, prop: string, key: string, pin: string, kubernetesVersion: KubernetesVersion,
): void {
  const cluster = kubernetesVersion.version;
  if (Token.isUnresolved(pin) || Token.isUnresolved(cluster)) return;
  const entry = calendarEntry(key);
  const line = componentLineOf(key, pin);
  if (!line) {
    Annotations.of(scope).addWarning(`${who}: ${entry.name} ${pin} (${prop}) is not in this library's component calendar, so neither its `
      + `Kubernetes range nor its end of support is checked. Known lines: ${entry.lines.map((l) => l.line).join(', ')}. Check it at ${entry.source}.`);
    return;
  }
  const today = synthDate(scope);
  const isoToday = today.toISOString().slice(0, 10);
  const daysUntil = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - today.getTime()) / DAY_MS);
  const isCurrent = (l: ComponentLine) => { const end = endOfSupportOf(entry, l); return end === undefined || daysUntil(end) >= 0; };
  // Newest first: the line to move to is the newest released (as of the synth date) that runs on the cluster and is still supported.
  const candidates = [...entry.lines].sort((a, b) => b.released.localeCompare(a.released))
    .filter((l) => supportsKubernetes(l, cluster) && daysUntil(l.released) <= 0);
  const best = candidates.find(isCurrent) ?? candidates[0];
  const moveTo = best
    ? `${entry.name} ${best.line} (${prop} ${best.pins}.x), the newest line that supports Kubernetes ${cluster}; see ${entry.upgradeNotes}`
    : `no ${entry.name} line in this library's calendar supports Kubernetes ${cluster}; check ${entry.source}`;

  if (!supportsKubernetes(line, cluster)) {
    const problem = `is ${entry.name} ${line.line}, which supports Kubernetes ${rangeOf(line)}, not the cluster's ${cluster}`;
    const refuse = () => invalidProp(who, prop, pin, problem,
      best ? `Pin ${moveTo}.` : `Use a Kubernetes version a line supports (${entry.lines.map((l) => `${l.line}: ${rangeOf(l)}`).join('; ')}), or ${moveTo}.`);
    scope.node.addValidation({ validate: refuse });
  }
  if (line.followsKubernetes) return; // supported while its Kubernetes minor is: the EKS calendar's check covers it

  const end = endOfSupportOf(entry, line);
  const newer = best && best !== line && isCurrent(best) ? `Upgrade to ${moveTo}.`
    : best && !isCurrent(best) ? `No supported ${entry.name} line remains for Kubernetes ${cluster} (the newest, ${best.line}, ended on `
      + `${endOfSupportOf(entry, best)}): move off it, see ${entry.upgradeNotes}.`
      : `No newer ${entry.name} line is in this library's calendar: check ${entry.source}.`;
  if (end !== undefined) {
    const left = daysUntil(end);
    if (left < 0) {
      Annotations.of(scope).addWarning(`${who}: ${entry.name} ${pin} (line ${line.line}) is past its end of support (${end}; today is ${isoToday}): `
        + `no more security fixes (${entry.policy}). ${newer}`);
    } else if (left <= COMPONENT_WARNING_DAYS) {
      Annotations.of(scope).addWarning(`${who}: ${entry.name} ${pin} (line ${line.line}) reaches its end of support on ${end} (in ${left} days; `
        + `${entry.policy}). ${newer}`);
    }
    return;
  }
  const age = -daysUntil(COMPONENT_CALENDAR_REVIEWED);
  if (age > COMPONENT_CALENDAR_STALE_DAYS) {
    const rule = line.endsWithReleaseOf ? `it is supported until ${entry.name} ${line.endsWithReleaseOf} is released` : 'upstream states no end of support';
    Annotations.of(scope).addWarning(`${who}: ${entry.name} ${pin} (line ${line.line}) may be past its end of support: ${rule}, and this library's `
      + `component calendar was last reviewed on ${COMPONENT_CALENDAR_REVIEWED} (${age} days before ${isoToday}). Newest line known: `
      + `${best?.line ?? line.line}. Check ${entry.source}, or upgrade the library.`);
  }
}
