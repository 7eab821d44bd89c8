/**
 * The trust policy of a role that an AWS service assumes on this account's behalf, limited to requests for
 * this account (`aws:SourceAccount`: the confused-deputy guard the service documents).
 */
export function serviceTrustPolicy(servicePrincipal: string, accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: servicePrincipal },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    }],
  });
}
