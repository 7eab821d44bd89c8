import * as fs from 'fs';
import { criticalPath, stackCriticalPath } from '../../scripts/bench/critical-path';
import { synthesizeExample } from '../examples/synth-example';

describe('apply critical path', () => {
  test('follows references and depends_on, weighting each resource type', () => {
    const json = {
      data: { aws_region: { r: {} } },
      resource: {
        aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
        aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}', availability_zone: '${data.aws_region.r.name}a' } },
        aws_nat_gateway: { n: { subnet_id: '${aws_subnet.s.id}' } },
        aws_eks_cluster: { c: { vpc_config: [{ subnet_ids: ['${aws_subnet.s.id}'] }] } },
        aws_eks_node_group: { ng: { cluster_name: '${aws_eks_cluster.c.name}', depends_on: ['aws_nat_gateway.n'] } },
        aws_db_instance: { db: { db_subnet_group_name: 'x' } },
      },
    };
    const r = stackCriticalPath('s', json);
    expect(r.path).toEqual(['aws_vpc.v', 'aws_subnet.s', 'aws_eks_cluster.c', 'aws_eks_node_group.ng']);
    expect(r.seconds).toBe(15 + 10 + 600 + 300);
  });

  test('reports a dependency cycle', () => {
    const json = { resource: { aws_vpc: { a: { x: '${aws_vpc.b.id}' }, b: { x: '${aws_vpc.a.id}' } } } };
    expect(() => stackCriticalPath('s', json)).toThrow(/dependency cycle/);
  });
});

describe('apply critical path of examples/prod', () => {
  const example = synthesizeExample();
  afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));

  test('is the unavoidable chain: network, cluster, networking add-ons, nodes, then the in-cluster releases', () => {
    const cp = criticalPath(example.outdir);
    expect(cp.order).toEqual(['ai-agents-prod-infra', 'ai-agents-prod-in-cluster']);
    const infra = cp.stacks.find((s: any) => s.stack === 'ai-agents-prod-infra')!;
    const types = infra.path.map((a: string) => a.split('.')[0]);
    expect(types[0]).toBe('aws_vpc');
    expect(types).toEqual(expect.arrayContaining(['aws_eks_cluster', 'aws_eks_node_group']));
    expect(types.indexOf('aws_eks_cluster')).toBeLessThan(types.indexOf('aws_eks_node_group'));
    expect(types).not.toContain('aws_db_instance');
    expect(types).not.toContain('aws_elasticache_replication_group');
    // The guide quotes 15-20 minutes for the infrastructure; the estimate stays in that range.
    expect(infra.seconds / 60).toBeGreaterThanOrEqual(15);
    expect(infra.seconds / 60).toBeLessThanOrEqual(20);
  });

  test('nothing stateful in the data tier waits for the cluster or the node groups', () => {
    const json = example.stacks['ai-agents-prod-infra'];
    const deps = new Map<string, string[]>();
    for (const [type, byName] of Object.entries<any>(json.resource)) {
      for (const [name, body] of Object.entries<any>(byName)) {
        const { depends_on: dependsOn, ...rest } = body;
        const refs = [...JSON.stringify(rest).matchAll(/\$\{[^}]*?\b([a-z0-9_]+\.[A-Za-z0-9_-]+)\./g)].map((m) => m[1]);
        deps.set(`${type}.${name}`, [...refs, ...(dependsOn ?? [])]);
      }
    }
    const ancestors = (addr: string, seen = new Set<string>()): Set<string> => {
      for (const d of deps.get(addr) ?? []) {
        if (!seen.has(d)) {
          seen.add(d);
          ancestors(d, seen);
        }
      }
      return seen;
    };
    const stateful = [...deps.keys()].filter((a) => /^aws_(db_instance|elasticache_replication_group)\./.test(a));
    expect(stateful).toHaveLength(2);
    for (const a of stateful) {
      const waitsFor = [...ancestors(a)].filter((x) => /^aws_eks_(cluster|node_group|addon)\./.test(x));
      expect({ resource: a, waitsFor }).toEqual({ resource: a, waitsFor: [] });
    }
  });
});
