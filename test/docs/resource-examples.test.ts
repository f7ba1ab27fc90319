/**
 * Each generation resource documents `create`, `run` and `estimate` with its own examples:
 * they inherit the methods from one base class, whose examples would otherwise show on every
 * resource's page. The typedoc plugin moves an `@example <method>` of a class comment onto that
 * method; here each one is checked to exist and to call the resource's own client field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const clientSource = readFileSync(join(root, 'src', 'client.ts'), 'utf8');
/** Client field of each resource class: `this.txt2img = new Txt2Img(` → Txt2Img → txt2img. */
const fieldOf = new Map([...clientSource.matchAll(/this\.(\w+) = new (\w+)\(/g)].map(([, field, cls]) => [cls, field]));

const resources = readdirSync(join(root, 'src', 'resources')).flatMap((name) => {
  const source = readFileSync(join(root, 'src', 'resources', name), 'utf8');
  const match = /\/\*\*((?:(?!\/\*\*)[\s\S])*?)\*\/\s*export class (\w+) extends GenerationResource/.exec(source);
  return match ? [{ cls: match[2] as string, comment: match[1] as string }] : [];
});

test('every generation resource is found', () => {
  expect(resources.map((resource) => resource.cls).sort()).toEqual(
    [
      'Caption',
      'ControlNet',
      'DescribeStyle',
      'Detect',
      'Embed',
      'GenerativeFill',
      'Img2Img',
      'Inpaint',
      'Patch',
      'Pixelate',
      'Prompt',
      'PromptEditing',
      'Reframe',
      'RemoveBackground',
      'Restyle',
      'Segment',
      'Skybox',
      'SkyboxUpscale',
      'Texture',
      'Translate',
      'Txt2Img',
      'Upscale',
      'Vectorize',
    ].sort(),
  );
});

test.each(resources)('$cls documents create, run and estimate with its own examples', ({ cls, comment }) => {
  const field = fieldOf.get(cls);
  expect(field).toBeDefined();
  for (const method of ['create', 'run', 'estimate']) {
    const example = new RegExp(`@example ${method}\\n\\s*\\* \`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(comment)?.[1];
    expect(example, `${cls}: @example ${method}`).toBeDefined();
    expect(example).toContain(`client.${field}.${method}(`);
    expect(new Set(example?.match(/client\.\w+\./g))).toEqual(new Set([`client.${field}.`]));
  }
});
