/**
 * The policy of the VPC flow log's delivery role: the VPC flow logs guide's actions (flow-logs-iam-role.html)
 * but logs:CreateLogGroup (the group is Terraform's). DescribeLogGroups has no resource type, so it matches only
 * `"Resource": "*"` (Service Authorization Reference); the write actions stay on the flow log's own group.
 */
export function flowLogWritePolicy(logGroupArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DescribeGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
      {
        Sid: 'WriteFlowLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    ],
  });
}
