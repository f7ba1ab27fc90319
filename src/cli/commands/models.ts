import { Command } from 'commander';
import type { Model, ModelInput } from '../../index.js';
import { ModelListQuerySchema } from '../../schemas.js';
import { withSession } from '../session.js';
import { table } from '../table.js';
import { listCommand } from './list.js';

/** `scenario models list|get`. */
export function modelsCommand(): Command {
  const models = new Command('models').description('list models and read their inputs');
  models.addCommand(
    listCommand<Model>({
      description: 'models',
      query: ModelListQuerySchema,
      list: (client, query) => client.models.list(query),
      columns: [
        ['model', (model) => model.id],
        ['name', (model) => model.name ?? ''],
        ['type', (model) => model.type ?? ''],
        ['status', (model) => model.status ?? ''],
      ],
    }),
  );
  models
    .command('get')
    .description('one model, with the inputs `scenario custom` takes')
    .argument('<model>', 'model id')
    .action((modelId: string, _options: unknown, self: Command) =>
      withSession(self, async ({ client, reporter }) => {
        const model = await client.models.get(modelId);
        const about = table([
          ['model', model.id],
          ['name', model.name ?? ''],
          ['type', model.type ?? ''],
          ['status', model.status ?? ''],
        ]);
        const inputs = model.inputs ?? [];
        const contract = table([['input', 'type', 'required', 'default', 'allowed'], ...inputs.map(inputRow)]);
        reporter.result(model, inputs.length > 0 ? `${about}\n\n${contract}` : about);
      }),
    );
  return models;
}

function inputRow(input: ModelInput): string[] {
  const range =
    input.allowedValues?.map(String).join('|') ??
    (input.min !== undefined || input.max !== undefined ? `${input.min ?? ''}–${input.max ?? ''}` : '');
  const shown = input.default === undefined ? '' : JSON.stringify(input.default);
  return [input.name, input.type, requiredText(input), shown, range];
}

/** When an input is required, in a few words: `yes`, `with mask`, `without image`, `for img2img`. */
function requiredText({ required }: ModelInput): string {
  if (!required) return '';
  if (required.always) return 'yes';
  const names = (rules: Record<string, unknown> | undefined) => Object.keys(rules ?? {}).join(' or ');
  const conditions = [
    names(required.ifDefined) && `with ${names(required.ifDefined)}`,
    names(required.ifNotDefined) && `without ${names(required.ifNotDefined)}`,
    required.when?.inferenceType?.length ? `for ${required.when.inferenceType.join(' or ')}` : '',
  ];
  return conditions.filter(Boolean).join('; ');
}
