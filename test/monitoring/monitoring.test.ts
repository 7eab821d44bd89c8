import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformStack } from 'cdktf';
import { HaEksCluster } from '../../src/cluster/ha-eks-cluster';
import { HaNodeGroup } from '../../src/cluster/ha-node-group';
import { HaPostgres } from '../../src/data/ha-postgres';
import { HaRedis } from '../../src/data/ha-redis';
import { ClusterAlarms } from '../../src/monitoring/cluster-alarms';
import { ELASTICACHE_EVENTBRIDGE, SNS_ENCRYPTED_TOPIC_PUBLISHERS } from '../../src/monitoring/metric-facts';
import { NodeGroupAlarms } from '../../src/monitoring/node-group-alarms';
import { NotificationTopic, NotificationTopicProps } from '../../src/monitoring/notification-topic';
import { PlatformAlerts } from '../../src/monitoring/platform-alerts';
import { PostgresAlarms } from '../../src/monitoring/postgres-alarms';
import { RedisAlarms } from '../../src/monitoring/redis-alarms';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, resourcesOf, synthJson } from '../util';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ai-agents-prod-alerts';

function dataTier(stack: TerraformStack) {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  const postgres = new HaPostgres(stack, 'pg', { name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], notificationTopicArn: TOPIC });
  const redis = new HaRedis(stack, 'redis', { name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], notificationTopicArn: TOPIC });
  return { network, postgres, redis };
}

function everything(stack: TerraformStack) {
  const { network, postgres, redis } = dataTier(stack);
  const cluster = new HaEksCluster(stack, 'cluster', { name: 'ai-agents-prod', network, adminPrincipalArns: ['arn:aws:iam::123456789012:role/admin'] });
  const nodes = new HaNodeGroup(stack, 'nodes-general', { cluster });
  const topic = new NotificationTopic(stack, 'alerts', { name: 'ai-agents-prod', emailAddresses: ['oncall@example.com'], httpsEndpoints: ['https://hooks.example.com/alerts'] });
  return new PlatformAlerts(stack, 'monitoring', {
    name: 'ai-agents-prod', topicArn: topic.topicArn, postgres, redis, nodeGroups: [nodes], clusterName: 'ai-agents-prod',
  });
}

const alarmsByName = (json: any): Record<string, any> =>
  Object.fromEntries(Object.values<any>(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).map((a) => [a.alarm_name, a]));

describe('NotificationTopic', () => {
  const json = synthJson((s) => { new NotificationTopic(s, 'alerts', { name: 'ai-agents-prod', emailAddresses: ['oncall@example.com'], httpsEndpoints: ['https://hooks.example.com/alerts'] }); });
  const topic = onlyResource(json, 'aws_sns_topic');
  const policy = JSON.parse(onlyResource(json, 'aws_sns_topic_policy').policy);
  const key = onlyResource(json, 'aws_kms_key');
  const keyPolicy = JSON.parse(key.policy);

  test('topic <name>-alerts encrypted with its own customer-managed key', () => {
    expect(topic.name).toBe('ai-agents-prod-alerts');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.alerts_key_\w+\.arn\}$/);
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('the key lets CloudWatch alarms, RDS events and EventBridge publish, as the SNS docs list them', () => {
    const services = keyPolicy.Statement.filter((st: any) => st.Principal.Service).map((st: any) => st.Principal.Service).sort();
    expect(services).toEqual(Object.values(SNS_ENCRYPTED_TOPIC_PUBLISHERS.principals).sort());
    expect(services).not.toContain('elasticache.amazonaws.com'); // ElastiCache cannot publish to encrypted topics
    for (const st of keyPolicy.Statement.filter((x: any) => x.Principal.Service)) {
      expect(st.Action).toEqual(['kms:GenerateDataKey*', 'kms:Decrypt']);
      // The statements the SNS guide documents carry no condition (sns-key-management.html, "compatibility with
      // AWS services"): a source condition the service's KMS request does not carry would drop every alarm.
      // The topic policy scopes publishers to this account (next test).
      expect(st.Condition).toBeUndefined();
    }
  });

  test('the topic policy denies every request without TLS and lets only this account\'s services publish', () => {
    const deny = policy.Statement.find((st: any) => st.Effect === 'Deny');
    expect(deny).toMatchObject({ Principal: '*', Action: 'sns:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const publish = policy.Statement.find((st: any) => st.Sid === 'ServicesOfThisAccountPublish');
    expect(publish.Action).toBe('sns:Publish');
    expect(publish.Principal.Service).toEqual(['cloudwatch.amazonaws.com', 'events.rds.amazonaws.com']);
    expect(publish.Condition.StringEquals['aws:SourceAccount']).toMatch(/data\.aws_caller_identity/);
    const rules = policy.Statement.find((st: any) => st.Sid === 'EventBridgeRulesOfThisAccountPublish');
    expect(rules).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish' });
    expect(rules.Condition.ArnLike['aws:SourceArn']).toMatch(/^arn:\$\{data\.aws_partition[^}]+\}:events:\$\{data\.aws_region[^}]+\}:\$\{data\.aws_caller_identity[^}]+\}:rule\/\*$/);
  });

  test('one subscription per e-mail address and HTTPS endpoint', () => {
    const subs = Object.values<any>(resourcesOf(json, 'aws_sns_topic_subscription')).map((s) => [s.protocol, s.endpoint]);
    expect(subs).toEqual([['email', 'oncall@example.com'], ['https', 'https://hooks.example.com/alerts']]);
  });

  test('a given key is used and none is created', () => {
    const j = synthJson((s) => { new NotificationTopic(s, 't', { name: 'x-prod', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }); });
    expect(resourcesOf(j, 'aws_kms_key')).toEqual({});
    expect(onlyResource(j, 'aws_sns_topic').kms_master_key_id).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
  });

  const bad = (props: Partial<NotificationTopicProps>) => () => synthJson((s) => { new NotificationTopic(s, 't', { name: 'x-prod', ...props }); });
  test('rejects an invalid e-mail address', () => {
    expect(bad({ emailAddresses: ['oncall.example.com'] })).toThrow(/NotificationTopic 't': emailAddresses must contain e-mail addresses \(got 'oncall\.example\.com'\)/);
  });
  test('rejects a non-HTTPS endpoint', () => {
    expect(bad({ httpsEndpoints: ['http://hooks.example.com/alerts'] })).toThrow(/httpsEndpoints must contain https:\/\/ URLs/);
  });
  test('rejects a duplicate endpoint', () => {
    expect(bad({ emailAddresses: ['a@example.com', 'a@example.com'] })).toThrow(/must not list an endpoint twice/);
  });
});

describe('PostgresAlarms', () => {
  const json = synthJson((s) => {
    const { postgres } = dataTier(s);
    new PostgresAlarms(s, 'pg-alarms', { postgres, topicArn: TOPIC });
  });
  const alarms = alarmsByName(json);

  test('CPU, free storage relative to the allocated storage, freeable memory and connections, on the instance', () => {
    expect(Object.keys(alarms).sort()).toEqual(['ai-agents-prod-postgres-connections', 'ai-agents-prod-postgres-cpu',
      'ai-agents-prod-postgres-free-storage', 'ai-agents-prod-postgres-freeable-memory']);
    for (const a of Object.values<any>(alarms)) {
      expect(a).toMatchObject({ namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'ai-agents-prod-postgres' }, period: 300, evaluation_periods: 3 });
      expect(a.alarm_actions).toEqual([TOPIC]);
      expect(a.ok_actions).toBeUndefined();
      // No data is not a threshold crossing (the instance is still being created) but is told: INSUFFICIENT_DATA notifies.
      expect(a.treat_missing_data).toBe('missing');
      expect(a.insufficient_data_actions).toEqual([TOPIC]);
    }
    expect(alarms['ai-agents-prod-postgres-cpu']).toMatchObject({ metric_name: 'CPUUtilization', threshold: 80, comparison_operator: 'GreaterThanThreshold' });
    // 10% of the default 100 GiB.
    expect(alarms['ai-agents-prod-postgres-free-storage']).toMatchObject({ metric_name: 'FreeStorageSpace', threshold: 10 * 1024 ** 3, comparison_operator: 'LessThanThreshold' });
    expect(alarms['ai-agents-prod-postgres-freeable-memory']).toMatchObject({ metric_name: 'FreeableMemory', threshold: 256 * 1024 ** 2 });
    expect(alarms['ai-agents-prod-postgres-connections']).toMatchObject({ metric_name: 'DatabaseConnections', threshold: 320 });
  });

  test('thresholds follow the props and the allocated storage', () => {
    const j = synthJson((s) => {
      const network = new HaVpc(s, 'net', { name: 'x-prod' });
      const sg = new SecurityGroup(s, 'sg', { vpcId: network.vpcId });
      const postgres = new HaPostgres(s, 'pg', { name: 'x-prod', network, allowedSecurityGroupIds: [sg.id], allocatedStorageGiB: 400 });
      new PostgresAlarms(s, 'a', { postgres, topicArn: TOPIC, cpuPercent: 90, freeStoragePercent: 20, freeableMemoryMiB: 512, maxConnections: 1000 });
    });
    const a = alarmsByName(j);
    expect(a['x-prod-postgres-cpu'].threshold).toBe(90);
    expect(a['x-prod-postgres-free-storage'].threshold).toBe(80 * 1024 ** 3);
    expect(a['x-prod-postgres-freeable-memory'].threshold).toBe(512 * 1024 ** 2);
    expect(a['x-prod-postgres-connections'].threshold).toBe(1000);
  });

  test('the RDS event subscription sends failover, failure, low storage, maintenance and notification events to the topic', () => {
    const sub = onlyResource(json, 'aws_db_event_subscription');
    expect(sub).toMatchObject({ name: 'ai-agents-prod-postgres-events', sns_topic: TOPIC, source_type: 'db-instance', source_ids: ['ai-agents-prod-postgres'], enabled: true });
    expect(sub.event_categories).toEqual(expect.arrayContaining(['failover', 'failure', 'low storage', 'maintenance', 'notification']));
  });

  const bad = (props: object) => () => synthJson((s) => {
    const { postgres } = dataTier(s);
    new PostgresAlarms(s, 'a', { postgres, topicArn: TOPIC, ...props });
  });
  test('rejects a CPU threshold above 100%', () => { expect(bad({ cpuPercent: 120 })).toThrow(/PostgresAlarms 'a': cpuPercent must be a number from 1 to 100 \(got 120\)/); });
  test('rejects a free storage threshold above 50%', () => { expect(bad({ freeStoragePercent: 60 })).toThrow(/freeStoragePercent must be a number from 1 to 50/); });
  test('rejects a fractional freeable memory', () => { expect(bad({ freeableMemoryMiB: 100.5 })).toThrow(/freeableMemoryMiB must be a whole number from 16 to 1048576/); });
  test('rejects zero connections', () => { expect(bad({ maxConnections: 0 })).toThrow(/maxConnections must be a whole number from 1 to 100000/); });
  test('rejects a topic that is not an SNS ARN', () => { expect(bad({ topicArn: 'ai-agents-prod-alerts' })).toThrow(/topicArn must be an SNS topic ARN/); });
});

describe('RedisAlarms', () => {
  const json = synthJson((s) => {
    const { redis } = dataTier(s);
    new RedisAlarms(s, 'redis-alarms', { redis, topicArn: TOPIC });
  });
  const alarms = alarmsByName(json);

  test('every node <group>-001..00N gets engine CPU, memory, evictions and replication lag, per CacheClusterId', () => {
    const names = Object.keys(alarms).sort();
    expect(names).toEqual(['001', '002'].flatMap((n) => ['engine-cpu', 'evictions', 'memory', 'replication-lag'].map((m) => `ai-agents-prod-redis-${n}-${m}`)).sort());
    expect(alarms['ai-agents-prod-redis-002-replication-lag']).toMatchObject({
      namespace: 'AWS/ElastiCache',
      metric_name: 'ReplicationLag',
      dimensions: { CacheClusterId: 'ai-agents-prod-redis-002' },
      threshold: 30,
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
    });
    expect(Object.values<any>(alarms).filter((a) => a.ok_actions !== undefined)).toEqual([]);
    expect(alarms['ai-agents-prod-redis-001-engine-cpu']).toMatchObject({ metric_name: 'EngineCPUUtilization', threshold: 80, statistic: 'Average', treat_missing_data: 'missing', insufficient_data_actions: [TOPIC] });
    expect(alarms['ai-agents-prod-redis-001-memory']).toMatchObject({ metric_name: 'DatabaseMemoryUsagePercentage', threshold: 80 });
    expect(alarms['ai-agents-prod-redis-001-evictions']).toMatchObject({ metric_name: 'Evictions', statistic: 'Sum', threshold: 0, comparison_operator: 'GreaterThanThreshold' });
  });

  test('ElastiCache failure events reach the topic through EventBridge, not through notification_topic_arn (refuses encrypted topics)', () => {
    expect(onlyResource(json, 'aws_elasticache_replication_group').notification_topic_arn).toBeUndefined();
    const rule = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_rule')).find((r) => r.name === 'ai-agents-prod-redis-events');
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.source).toEqual(['aws.elasticache']);
    // Every forwarded detail type is one ElastiCache documents; the noisy success events are left out.
    expect(pattern['detail-type'].every((t: string) => ELASTICACHE_EVENTBRIDGE.allDetailTypes.includes(t))).toBe(true);
    expect(pattern['detail-type']).toEqual(expect.arrayContaining(['Cache Update Failed', 'Snapshot Creation Failed']));
    expect(pattern['detail-type']).not.toContain('Snapshot Created');
    expect(Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_target')).find((t) => t.rule.includes('redis_events'))).toMatchObject({ arn: TOPIC, target_id: 'notification-topic' });
  });

  test('a third node gets its own alarms', () => {
    const j = synthJson((s) => {
      const network = new HaVpc(s, 'net', { name: 'x-prod' });
      const sg = new SecurityGroup(s, 'sg', { vpcId: network.vpcId });
      const redis = new HaRedis(s, 'r', { name: 'x-prod', network, allowedSecurityGroupIds: [sg.id], nodeCount: 3 });
      new RedisAlarms(s, 'a', { redis, topicArn: TOPIC, replicationLagSeconds: 5 });
    });
    expect(alarmsByName(j)['x-prod-redis-003-replication-lag'].threshold).toBe(5);
  });

  const bad = (props: object) => () => synthJson((s) => {
    const { redis } = dataTier(s);
    new RedisAlarms(s, 'a', { redis, topicArn: TOPIC, ...props });
  });
  test('rejects an engine CPU of 0', () => { expect(bad({ engineCpuPercent: 0 })).toThrow(/RedisAlarms 'a': engineCpuPercent must be a number from 1 to 100 \(got 0\)/); });
  test('rejects memory above 100%', () => { expect(bad({ memoryPercent: 101 })).toThrow(/memoryPercent must be a number from 1 to 100/); });
  test('rejects negative evictions', () => { expect(bad({ evictions: -1 })).toThrow(/evictions must be a whole number from 0 to 1000000000/); });
  test('rejects a replication lag over an hour', () => { expect(bad({ replicationLagSeconds: 7200 })).toThrow(/replicationLagSeconds must be a number from 1 to 3600/); });
});

describe('NodeGroupAlarms', () => {
  const json = synthJson((s) => { everything(s); });
  const alarms = alarmsByName(json);

  test('Ready nodes below the node group minimum, on the collector\'s count for the group (by the label HaNodeGroup sets)', () => {
    expect(alarms['ai-agents-prod-general-ready-nodes']).toMatchObject({
      namespace: 'EKS/Platform',
      metric_name: 'k8s.node.condition_ready',
      statistic: 'Minimum',
      period: 300,
      evaluation_periods: 2,
      threshold: 3,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'missing',
      insufficient_data_actions: [expect.stringMatching(/aws_sns_topic\.alerts_topic_\w+\.arn/)],
      dimensions: {
        'k8s.cluster.name': 'ai-agents-prod',
        'eks.nodegroup.name': 'general',
      },
    });
    expect(alarms['ai-agents-prod-general-ready-nodes'].ok_actions).toBeUndefined();
  });

  test('nothing to run by hand: the deprecated command is empty and inService is the Ready-nodes alarm', () => {
    let a!: NodeGroupAlarms;
    synthJson((s) => {
      const network = new HaVpc(s, 'net', { name: 'x-prod' });
      const cluster = new HaEksCluster(s, 'c', { name: 'x-prod', network, adminPrincipalArns: ['arn:aws:iam::123456789012:role/admin'] });
      a = new NodeGroupAlarms(s, 'a', { name: 'x-prod', nodeGroup: new HaNodeGroup(s, 'ng', { cluster }), topicArn: TOPIC });
    });
    expect(a.enableMetricsCommand).toBe('');
    expect(a.inService).toBe(a.readyNodes);
  });

  test('the way back from ALARM to OK is told by an EventBridge rule, not an OK action', () => {
    const rule = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_rule')).find((r) => r.name === 'ai-agents-prod-general-recovered');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      'source': ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
      'detail': { alarmName: ['ai-agents-prod-general-ready-nodes'], state: { value: ['OK'] }, previousState: { value: ['ALARM'] } },
    });
  });

  test('unsuccessful launches and terminations of the group go to the topic through EventBridge', () => {
    const rule = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_rule')).find((r) => r.name.endsWith('-launch-failures'));
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.source).toEqual(['aws.autoscaling']);
    expect(pattern['detail-type']).toEqual(['EC2 Instance Launch Unsuccessful', 'EC2 Instance Terminate Unsuccessful']);
    expect(pattern.detail.AutoScalingGroupName[0]).toMatch(/autoscaling_groups\[0\]\.name/);
    const targets = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_target'));
    expect(targets.find((t) => t.rule.includes('launch-failures')).arn).toMatch(/aws_sns_topic\.alerts_topic_\w+\.arn/);
  });

  test('rejects a minimum of 0', () => {
    expect(() => synthJson((s) => {
      const network = new HaVpc(s, 'net', { name: 'x-prod' });
      const cluster = new HaEksCluster(s, 'c', { name: 'x-prod', network, adminPrincipalArns: ['arn:aws:iam::123456789012:role/admin'] });
      new NodeGroupAlarms(s, 'a', { name: 'x-prod', nodeGroup: new HaNodeGroup(s, 'ng', { cluster }), topicArn: TOPIC, minInServiceInstances: 0 });
    })).toThrow(/NodeGroupAlarms 'a': minInServiceInstances must be a whole number from 1 to 1000 \(got 0\)/);
  });
});

describe('ClusterAlarms', () => {
  const json = synthJson((s) => { new ClusterAlarms(s, 'c', { clusterName: 'ai-agents-prod', topicArn: TOPIC }); });
  const alarms = alarmsByName(json);

  test('certificate expiry, node disk and crash loop on the collector\'s series for the cluster', () => {
    for (const a of Object.values<any>(alarms)) {
      expect(a).toMatchObject({ namespace: 'EKS/Platform', dimensions: { 'k8s.cluster.name': 'ai-agents-prod' }, alarm_actions: [TOPIC], treat_missing_data: 'missing' });
      expect(a.ok_actions).toBeUndefined();
    }
    expect(alarms['ai-agents-prod-certificate-expiry']).toMatchObject({
      metric_name: 'certmanager_certificate_expiry_seconds', statistic: 'Minimum', threshold: 14 * 86400, comparison_operator: 'LessThanThreshold',
    });
    // 80% used of a 50 GiB root volume = less than 10 GiB free.
    expect(alarms['ai-agents-prod-node-disk']).toMatchObject({ metric_name: 'k8s.node.filesystem.available', statistic: 'Minimum', threshold: 10 * 1024 ** 3 });
    expect(alarms['ai-agents-prod-crash-loop']).toMatchObject({ metric_name: 'k8s.container.restarts', statistic: 'Maximum', threshold: 1, datapoints_to_alarm: 2, evaluation_periods: 3 });
  });

  test('node disk, a series every node always reports, also notifies when its data stops (the collector is down)', () => {
    expect(alarms['ai-agents-prod-node-disk'].insufficient_data_actions).toEqual([TOPIC]);
    // The other two go quiet by design when nothing is wrong (no certificate, no restarts): no such action.
    expect(alarms['ai-agents-prod-certificate-expiry'].insufficient_data_actions).toBeUndefined();
    expect(alarms['ai-agents-prod-crash-loop'].insufficient_data_actions).toBeUndefined();
  });

  const bad = (props: object) => () => synthJson((s) => { new ClusterAlarms(s, 'c', { clusterName: 'x-prod', topicArn: TOPIC, ...props }); });
  test('rejects a certificate threshold beyond the renewal window', () => { expect(bad({ certificateExpiryDays: 90 })).toThrow(/ClusterAlarms 'c': certificateExpiryDays must be a whole number from 1 to 60 \(got 90\)/); });
  test('rejects a node disk threshold below 50%', () => { expect(bad({ nodeDiskUsedPercent: 40 })).toThrow(/nodeDiskUsedPercent must be a number from 50 to 99/); });
  test('rejects zero restarts', () => { expect(bad({ containerRestarts: 0 })).toThrow(/containerRestarts must be a whole number from 1 to 100/); });
  test('rejects a node disk below 20 GiB', () => { expect(bad({ nodeDiskSizeGiB: 8 })).toThrow(/nodeDiskSizeGiB must be a whole number from 20 to 16384/); });
});

describe('PlatformAlerts and PlatformDashboard', () => {
  let alerts!: PlatformAlerts;
  const json = synthJson((s) => { alerts = everything(s); });

  test('one dashboard with the real names of database, cache nodes, node group, cluster and ingress load balancer', () => {
    const dash = onlyResource(json, 'aws_cloudwatch_dashboard');
    expect(dash.dashboard_name).toBe('ai-agents-prod-platform');
    const body = JSON.parse(dash.dashboard_body);
    const text = JSON.stringify(body);
    expect(text).toContain('"DBInstanceIdentifier","ai-agents-prod-postgres"');
    expect(text).toContain('"CacheClusterId","ai-agents-prod-redis-002"');
    expect(text).toContain('"k8s.node.condition_ready","k8s.cluster.name","ai-agents-prod","eks.nodegroup.name","general"');
    expect(text).not.toContain('GroupInServiceInstances');
    expect(text).toContain('"k8s.cluster.name","ai-agents-prod"');
    expect(text).toContain('k8s-ingressn-ingressn');
    const alarmWidget = body.widgets.find((w: any) => w.type === 'alarm');
    expect(alarmWidget.properties.alarms).toHaveLength(alerts.alarms.length);
  });

  test('every alarm notifies the topic on ALARM, and on its way back to OK through one recovery rule per part', () => {
    const all = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_metric_alarm'));
    expect(all).toHaveLength(4 + 8 + 1 + 3);
    const recovery = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_rule')).filter((r) => r.name.endsWith('-recovered'));
    expect(recovery.map((r) => r.name).sort()).toEqual(['ai-agents-prod-cluster-recovered', 'ai-agents-prod-general-recovered', 'ai-agents-prod-postgres-recovered', 'ai-agents-prod-redis-recovered']);
    const covered = recovery.flatMap((r) => JSON.parse(r.event_pattern).detail.alarmName);
    for (const a of all) {
      expect(a.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\.alerts_topic_\w+\.arn/)]);
      expect(a.ok_actions).toBeUndefined();
      expect(covered).toContain(a.alarm_name);
    }
    const targets = Object.values<any>(resourcesOf(json, 'aws_cloudwatch_event_target')).filter((t) => /_recovered_/.test(t.rule));
    expect(targets).toHaveLength(4);
    for (const t of targets) {
      expect(t.arn).toMatch(/aws_sns_topic\.alerts_topic_\w+\.arn/);
      expect(t.input_transformer.input_paths).toEqual({ alarm: '$.detail.alarmName', time: '$.time' });
    }
  });
});
