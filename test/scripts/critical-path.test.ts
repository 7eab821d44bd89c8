import { stackCriticalPath } from '../../scripts/bench/critical-path';

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
