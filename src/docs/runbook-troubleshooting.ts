/** The runbook's troubleshooting.md: nodes, pods, database, TLS. */
import { nodeGroupArgument } from './runbook-extract';
import { RunbookFacts } from './runbook-facts';

export function troubleshootingPage(f: RunbookFacts): string {
  return `## Nodes not Ready

\`\`\`bash
kubectl describe node <node-name>
aws eks describe-nodegroup --region ${f.region} --cluster-name ${f.clusterName} --nodegroup-name ${nodeGroupArgument(f)} \\
  --query 'nodegroup.[status,health]'
# Console output of an instance (nodes have no SSH key; use SSM Session Manager for a shell)
aws ec2 get-console-output --region ${f.region} --instance-id <instance-id> --latest
aws ssm start-session --region ${f.region} --target <instance-id>
\`\`\`
Common causes: node role missing a policy, security group changes, the vpc-cni add-on degraded
(\`aws eks describe-addon --cluster-name ${f.clusterName} --addon-name vpc-cni\`).

## Pods Pending

\`\`\`bash
kubectl describe pod <pod> -n <namespace>
kubectl get events -n <namespace> --sort-by=.lastTimestamp
kubectl logs -n kube-system deploy/cluster-autoscaler | tail -50     # is a scale-up blocked?
\`\`\`
In \`${f.appNamespace}\`, pods must satisfy Pod Security \`restricted\` (non-root, no privilege escalation,
seccomp RuntimeDefault, all capabilities dropped): a rejected pod shows a \`violates PodSecurity\` event.

## Database connection failures

\`\`\`bash
# From a pod in the cluster (the database admits 5432 only from the cluster nodes' security group)
kubectl run psql-debug --rm -it --restart=Never --image=postgres:16 -- bash
aws ec2 describe-security-group-rules --region ${f.region} \\
  --filters Name=group-id,Values=$(aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].VpcSecurityGroups[0].VpcSecurityGroupId' --output text)
\`\`\`
\`FATAL: PAM authentication failed\`: the IAM token expired (15 minutes) or the IAM principal lacks
\`rds-db:connect\` on \`dbuser:<resource-id>/${f.dbAppUser}\`. \`no pg_hba.conf entry ... SSL off\`: the client did not use TLS
(\`rds.force_ssl\` is on).

## TLS certificate not issuing

\`\`\`bash
kubectl logs -n ${f.certManagerNamespace} deploy/cert-manager --tail=100
kubectl describe certificate <name> -n ${f.appNamespace}
kubectl get orders,challenges -n ${f.appNamespace}
kubectl describe clusterissuer ${f.clusterIssuers[f.clusterIssuers.length - 1] ?? 'letsencrypt-prod'}
\`\`\`
Common causes: DNS does not point at the ingress NLB yet, HTTP-01 challenge blocked (the challenge solver pod
in \`${f.appNamespace}\` must be reachable from \`${f.ingressNamespace}\`; the default-deny policy allows exactly that), Let's
Encrypt rate limits (test with \`letsencrypt-staging\` first).

## In-cluster apply fails: values don't meet the specifications of the schema(s)

\`\`\`text
Error: values don't meet the specifications of the schema(s) in the following chart(s):
nginx-ingress:
Get "https://raw.githubusercontent.com/nginxinc/kubernetes-json-schema/...": dial tcp ...: i/o timeout
\`\`\`
The F5 NGINX chart (\`nginx-ingress\`) validates its values against a \`values.schema.json\` whose \`$ref\`s point at
raw.githubusercontent.com; Helm downloads them on every install and upgrade (upstream nginx/kubernetes-ingress
issues #5374 and #7193). Helm runs on the machine that applies the in-cluster stack: give it HTTPS access to
raw.githubusercontent.com (as well as to the chart repositories), for example in the egress proxy's allow-list,
then apply again. The atomic release has rolled back; nothing is left half-installed.
`;
}
