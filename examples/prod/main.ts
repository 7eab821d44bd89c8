import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { HaVpc } from 'cdktf-eks-platform';

const app = new App();
const stack = new TerraformStack(app, 'ai-agents-prod-infra');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new HaVpc(stack, 'network', { name: 'ai-agents-prod', clusterName: 'ai-agents-prod' });
app.synth();
