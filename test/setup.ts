import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();

// The date the EKS version checks compare with (see KubernetesVersion's TODAY_CONTEXT_KEY): the tests pin the
// day the library's version facts were last reviewed, so they do not change verdict as the calendar moves on.
// The example synth (npx projen example, CI) uses the real date.
process.env.EKS_PLATFORM_TODAY = process.env.EKS_PLATFORM_TODAY ?? '2026-12-01';
