import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Adds tags to every resource in a scope that takes a `tags` map, keeping each resource's own tags on
 * top. Works with any AWS provider configuration (the caller's provider may lack `default_tags`).
 */
export class PlatformTags implements IAspect {
  /** Applies the tags to every taggable resource under `scope`. */
  public static apply(scope: IConstruct, tags: { [key: string]: string }): void {
    Aspects.of(scope).add(new PlatformTags(tags));
  }

  private constructor(private readonly tags: { [key: string]: string }) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    // Generated AWS resources expose `tagsInput` (what was set) and a `tags` setter when the type is taggable.
    const taggable = node as unknown as { tagsInput?: { [key: string]: string }; tags?: unknown };
    if (!('tagsInput' in taggable)) return;
    const own = taggable.tagsInput ?? {};
    taggable.tags = { ...this.tags, ...own };
  }
}
