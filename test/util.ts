import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';

/** Synthesizes a stack built by `build` (with an AWS provider) and returns the Terraform JSON, parsed. */
export function synthJson(build: (stack: TerraformStack) => void): any {
  return JSON.parse(synthString(build));
}

/** Same as {@link synthJson}, as the string cdktf's matchers take. */
export function synthString(build: (stack: TerraformStack) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  return Testing.synth(stack, true);
}

/** All resources of one type, keyed by their logical id. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type (fails the test when there is not exactly one). */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** A fresh app and stack for tests that need the construct tree. */
export function newStack(): { app: App; stack: TerraformStack; scope: Construct } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return { app, stack, scope: stack };
}
