/** How serious a finding is. */
export enum PolicyLevel {
  /** Must be fixed or acknowledged: fails synth when `failOnError` is on. */
  ERROR = 'error',
  /** Should be looked at: reported, never fails synth. */
  WARNING = 'warning',
}

/** One rule of the production baseline, as documented in `docs/policy-rules.md`. */
export interface PolicyRule {
  /** Stable identifier, for example `PB-ENC-002`. Used to acknowledge findings. Never reused for another check. */
  readonly id: string;
  /** Level of the rule's findings. */
  readonly level: PolicyLevel;
  /** Area: encryption, logging, network, identity, availability or retention. */
  readonly area: string;
  /** Terraform resource (or `data.` data source) types the rule inspects; `*` for every resource. */
  readonly resourceTypes: string[];
  /** What a compliant resource looks like, in one line. */
  readonly title: string;
  /** Why production needs it. */
  readonly rationale: string;
  /** How to comply. */
  readonly fix: string;
}

/** A rule that a resource breaks. */
export interface PolicyFinding {
  /** The rule's id, for example `PB-ENC-002`. */
  readonly ruleId: string;
  /** The rule's level. */
  readonly level: PolicyLevel;
  /** Terraform type of the resource, for example `aws_db_instance` (data sources: `data.aws_iam_policy_document`). */
  readonly resourceType: string;
  /** Terraform address, for example `aws_db_instance.db`. */
  readonly address: string;
  /** Construct path of the resource, for example `prod/data/postgres/db`. */
  readonly constructPath: string;
  /** What is wrong with this resource. */
  readonly detail: string;
  /**
   * How to fix it, in the terms of the construct that created the resource.
   *
   * For a resource a construct of this library created: the construct and the prop to change (for example
   * `Set backupRetentionDays between 30 and 35 ... on HaPostgres 'prod/postgres'`). Otherwise the rule's fix in
   * Terraform terms.
   */
  readonly fix: string;
  /** The rule's fix in Terraform terms (attribute names of the synthesized resource). */
  readonly terraformFix: string;
  /**
   * The `ProductionBaseline.acknowledge(...)` line that accepts this finding on purpose, naming the construct
   * to pass (the library construct, or the platform property holding it, that covers the resource).
   */
  readonly acknowledgeWith: string;
  /** The full message: rule id, address, construct path, detail, fix and the acknowledge line. */
  readonly message: string;
  /** Whether an acknowledgement with a reason covers this finding. */
  readonly acknowledged: boolean;
  /**
   * The written reason of the acknowledgement.
   * @default - not acknowledged
   */
  readonly acknowledgementReason?: string;
}
