import { IConstruct } from 'constructs';
import { acknowledgeLine, acknowledgeResourceLine, FindingAdvice } from './finding-format';
import { MIN_ZONES } from './rules/availability';
import { MIN_BACKUP_RETENTION_DAYS } from './rules/retention';
import { restatedForParent } from '../private/errors';

/**
 * Findings that speak props: the library's constructs register themselves as the owners of the resources
 * they create, and this table says which of their props decides what each baseline rule checks. A finding on
 * such a resource then names the construct, the prop to change and the `ProductionBaseline.acknowledge(...)`
 * line for a deliberate exception, instead of the Terraform attribute. Internal: not exported from the package.
 */

/** How a prop of a library construct decides a rule. */
interface PropHint {
  /** The prop of the owning construct. */
  readonly prop: string;
  /** What to set it to, completing "set <prop> ..."; `{otherProp}` names another prop of the same construct. */
  readonly to: string;
}

const PREVENT_DESTROY: PropHint = { prop: 'preventDestroy', to: 'to true (or leave it unset: true is the default)' };

/**
 * Per library construct type, the prop behind each rule it can break without an escape hatch. A rule missing
 * here cannot be broken through the construct's props: a finding then points at an override.
 * (test/policy/prop-hints.test.ts sets each documented opt-out and checks the finding names this prop.)
 */
export const PROP_HINTS = {
  HaVpc: {
    'PB-RET-006': PREVENT_DESTROY,
  },
  HaEksCluster: {
    'PB-NET-003': {
      prop: 'allowPublicEndpointFromAnywhere',
      to: 'to false (the default) and list your office/VPN CIDRs in {publicAccessCidrs}, or leave both unset for a private-only API',
    },
    'PB-HA-004': { prop: 'allowFewerThanThreeAzs', to: `to false (the default) and give subnets in ${MIN_ZONES} zones` },
    'PB-RET-006': PREVENT_DESTROY,
  },
  HaNodeGroup: {
    'PB-HA-003': { prop: 'minSize', to: `to ${MIN_ZONES} or more (the prop accepts 1; the baseline asks for one node per zone)` },
    'PB-IAM-002': { prop: 'httpPutResponseHopLimit', to: 'to 1 (the default)' },
    'PB-IAM-003': { prop: 'httpPutResponseHopLimit', to: 'to 1 (the default)' },
  },
  HaPostgres: {
    'PB-RET-001': {
      prop: 'backupRetentionDays',
      to: `between ${MIN_BACKUP_RETENTION_DAYS} and 35 (the prop accepts 7-35; the baseline asks for ${MIN_BACKUP_RETENTION_DAYS})`,
    },
    'PB-RET-002': { prop: 'deletionProtection', to: 'to true (or leave it unset: true is the default)' },
    'PB-RET-006': PREVENT_DESTROY,
  },
  HaRedis: {
    'PB-RET-006': PREVENT_DESTROY,
  },
  StateBucket: {
    'PB-RET-006': PREVENT_DESTROY,
  },
  AddonIdentities: {
    'PB-RET-006': PREVENT_DESTROY,
  },
} satisfies { [constructType: string]: { [ruleId: string]: PropHint } };

/** The library constructs that own resources (a typo in a constructor's registration fails to compile). */
export type PolicyOwnerType = keyof typeof PROP_HINTS;

interface Owner {
  readonly construct: IConstruct;
  readonly type: PolicyOwnerType;
}

/** A construct that passes its props through to a child: `ProductionEksPlatform.postgres` gets `postgres.*`. */
interface Surface {
  readonly parent: IConstruct;
  readonly parentType: string;
  /** The parent's public property holding the child, for the acknowledge line. */
  readonly accessor: string;
  /** Child prop -> the parent's prop that sets it. */
  readonly props: (childProp: string) => string;
}

const OWNERS = new WeakMap<IConstruct, Owner>();
const SURFACES = new WeakMap<IConstruct, Surface>();

/**
 * Marks `construct` as the library construct of type `type` that owns every resource under it (a nearer owner
 * wins). Call it in the constructor; `type` must be a key of PROP_HINTS.
 */
export function ownPolicyResources(construct: IConstruct, type: PolicyOwnerType): void {
  OWNERS.set(construct, { construct, type });
}

/**
 * Says that `child`'s props are set through `parent`'s props: `props` maps a child prop to the parent's
 * (for example `minSize` -> `nodeGroup.minSize`), and `accessor` is the parent's property holding the child.
 */
export function surfaceThrough(child: IConstruct, parent: IConstruct, parentType: string, accessor: string,
  props: (childProp: string) => string): void {
  SURFACES.set(child, { parent, parentType, accessor, props });
}

/**
 * Builds a child of a pass-through parent (`ProductionEksPlatform.postgres`) so that the user reads the parent's
 * props in both kinds of message: a `PropValidationError` the child throws while it is built names the parent and
 * the parent's prop (`dbInstanceClass`, not `instanceClass`), and baseline findings on the child's resources do too
 * (`surfaceThrough`). `childId` is the id `build` gives the child; `props` maps a child prop to the parent's;
 * `inner` does the same for blocks inside the child, by their construct (`PostgresAlarms 'postgres'`).
 */
export function buildSurfaced<T extends IConstruct>(parent: IConstruct, parentType: string, accessor: string, childId: string,
  props: (childProp: string) => string, build: () => T, inner: { [construct: string]: (childProp: string) => string } = {}): T {
  let child: T;
  try {
    child = build();
  } catch (e) {
    // The child's own errors, and those of the blocks inside it that `inner` names (`PostgresAlarms 'postgres'`).
    const propsOf = (construct: string) => (construct.endsWith(` '${childId}'`) ? props : inner[construct]);
    throw restatedForParent(e, `${parentType} '${parent.node.id}'`, propsOf);
  }
  surfaceThrough(child, parent, parentType, accessor, props);
  return child;
}

/** The variable name the advice uses for a construct of `type` (`HaPostgres` -> `haPostgres`). */
function variable(type: string): string {
  return type === 'ProductionEksPlatform' ? 'platform' : type[0].toLowerCase() + type.slice(1);
}

/** Advice for a finding of `ruleId` on `element`, whose Terraform fix is `terraformFix`. */
export function adviceFor(element: IConstruct, ruleId: string, terraformFix: string): FindingAdvice {
  const scopes = element.node.scopes;
  const owner = [...scopes].reverse().map((s) => OWNERS.get(s)).find((o): o is Owner => o !== undefined);
  if (!owner) return { fix: terraformFix, acknowledge: acknowledgeResourceLine(ruleId, element.node.path) };
  // Follow pass-through parents outwards: the prop and the property path the user actually wrote.
  let propOf = (p: string) => p;
  let type: string = owner.type;
  let construct: IConstruct = owner.construct;
  const accessors: string[] = [];
  for (let s = SURFACES.get(construct); s; s = SURFACES.get(construct)) {
    const inner = propOf;
    const outer = s.props;
    propOf = (p: string) => outer(inner(p));
    accessors.unshift(s.accessor);
    type = s.parentType;
    construct = s.parent;
  }
  const where = `${type} '${construct.node.path}'`;
  const target = [variable(type), ...accessors].join('.');
  const meaning = `${variable(type)} is the ${where}`;
  const hints: { [ruleId: string]: PropHint | undefined } = PROP_HINTS[owner.type];
  const hint = hints[ruleId];
  const fix = hint
    ? `Set ${propOf(hint.prop)} ${hint.to.replace(/\{(\w+)\}/g, (_, p: string) => propOf(p))} on ${where}.`
    : `${where} sets this itself, and no prop of it turns it off: an escape-hatch override (addOverride, or a property `
      + `set on one of its resources) changed it. Remove the override. In Terraform terms: ${terraformFix}`;
  return { fix, acknowledge: acknowledgeLine(target, ruleId, meaning) };
}
