import { Command } from 'commander';
import { VERSION } from '../index.js';
import { assetsCommand } from './commands/assets.js';
import { batchCommand } from './commands/batch.js';
import { generationCommands } from './commands/generate.js';
import { jobsCommand } from './commands/jobs.js';
import { modelsCommand } from './commands/models.js';
import { addGlobalOptions, type Runtime } from './session.js';

const EXAMPLES = `
Examples:
  scenario img2img sketch.png --model flux.1-dev --prompt "a knight" --influence 20 -n 4 --out out/
  scenario estimate img2img sketches/*.png --model flux.1-dev --prompt "a knight"
  scenario batch sprites.yaml --concurrency 5 --out out/
  scenario img2img sketch.png --model flux.1-dev --prompt "a knight" --emulator   (offline)

Credentials: SCENARIO_API_KEY and SCENARIO_API_SECRET (or SCENARIO_API_TOKEN).
Exit codes: 0 all done, 1 something failed, 2 usage, 130 interrupted.`;

/** The `scenario` command and its subcommands. */
export function buildProgram(runtime: Runtime): Command {
  const program = addGlobalOptions(
    new Command('scenario')
      .description("Scenario's generative-image API from the command line and in pipelines")
      .version(VERSION),
  ).addHelpText('after', EXAMPLES);
  for (const command of generationCommands('run', runtime)) program.addCommand(command);
  const estimate = program
    .command('estimate')
    .description('quote a generation (a dry run: nothing is generated or billed)');
  for (const command of generationCommands('estimate', runtime)) estimate.addCommand(command);
  program.addCommand(batchCommand(runtime));
  program.addCommand(jobsCommand(runtime));
  program.addCommand(assetsCommand(runtime));
  program.addCommand(modelsCommand());
  configure(program);
  return program;
}

/**
 * On every command: errors become exceptions (the caller prints one line and picks the exit
 * code; help still prints), and `--help` lists the global options too.
 */
function configure(command: Command): void {
  command
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .configureHelp({ showGlobalOptions: true });
  for (const subcommand of command.commands) configure(subcommand);
}
