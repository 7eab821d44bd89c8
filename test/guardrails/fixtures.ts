import { INetwork } from '../../src/network/network';

/** An existing network given by ids (no HaVpc): enough for the building blocks to synthesize in tests. */
export const EXISTING_NETWORK: INetwork = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.0.0.0/16',
  publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b', 'subnet-pub-c'],
  privateSubnetIds: ['subnet-prv-a', 'subnet-prv-b', 'subnet-prv-c'],
  databaseSubnetIds: ['subnet-db-a', 'subnet-db-b', 'subnet-db-c'],
  cacheSubnetIds: ['subnet-ca-a', 'subnet-ca-b', 'subnet-ca-c'],
  databaseSubnetCidrs: ['10.0.6.0/24', '10.0.7.0/24', '10.0.8.0/24'],
  cacheSubnetCidrs: ['10.0.9.0/24', '10.0.10.0/24', '10.0.11.0/24'],
  dbSubnetGroupName: 'ai-agents-prod-database',
  cacheSubnetGroupName: 'ai-agents-prod-cache',
};
