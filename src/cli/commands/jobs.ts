import { Command } from 'commander';
import type { Job } from '../../index.js';
import { JobListQuerySchema } from '../../schemas.js';
import { EXIT, oneLine, UsageError } from '../errors.js';
import { fileStem } from '../paths.js';
import { type Item, placeOutputs } from '../plan.js';
import { type Runtime, withSession } from '../session.js';
import { table } from '../table.js';
import { addRunOptions, runGenerations } from './generate.js';
import { listCommand } from './list.js';

const percent = (job: Job) => `${Math.round(job.progress * 100)}%`;

/** `scenario jobs list|get|wait|cancel`. */
export function jobsCommand(runtime: Runtime): Command {
  const jobs = new Command('jobs').description('list, inspect, wait for and cancel jobs');
  jobs.addCommand(
    listCommand<Job>({
      description: 'recent jobs, newest first',
      query: JobListQuerySchema,
      list: (client, query) => client.jobs.list(query),
      columns: [
        ['job', (job) => job.jobId],
        ['type', (job) => job.jobType],
        ['status', (job) => job.status],
        ['progress', percent],
        ['created', (job) => job.createdAt],
      ],
    }),
  );
  jobs
    .command('get')
    .description('one job: status, progress, outputs')
    .argument('<job>', 'job id')
    .action((jobId: string, _options: unknown, self: Command) =>
      withSession(self, async ({ client, reporter }) => {
        const job = await client.jobs.get(jobId);
        const rows = [
          ['job', job.jobId],
          ['type', job.jobType],
          ['status', job.status],
          ['progress', percent(job)],
          ['created', job.createdAt],
          ['outputs', (job.metadata.assetIds ?? []).join(' ') || '-'],
          ...(job.metadata.error ? [['error', job.metadata.error]] : []),
        ];
        reporter.result(job, table(rows));
      }),
    );
  const wait = jobs
    .command('wait')
    .description('wait for jobs (started here or elsewhere) and download their outputs')
    .argument('<jobs...>', 'job ids')
    .option('--name <stem>', 'name the outputs <stem>-<n>.png (default: the job id; one job only)');
  addRunOptions(wait, 'run');
  wait.action(async (jobIds: string[], _options: unknown, self: Command) => {
    const { out, name } = self.opts<{ out: string; name?: string }>();
    if (name !== undefined && jobIds.length > 1) throw new UsageError('--name names the outputs of one job');
    const items = jobIds.map((jobId, index): Item => {
      const place = { index: index + 1, label: jobId, root: out, words: (param: string) => param };
      const given = name === undefined ? {} : { name: { path: name, word: '--name' } };
      // A job id typed by hand names the files only as a plain file name.
      const { outDir, stem } = placeOutputs({ ...place, ...given }, fileStem(jobId));
      return { ...place, command: 'job', jobId, stem, outDir, identity: jobId, legacyKey: jobId, localImages: [] };
    });
    await runGenerations(self, items, runtime, { mode: 'run', noun: 'jobs' });
  });
  jobs
    .command('cancel')
    .description('ask the server to cancel jobs (most generation jobs refuse: they run on, billed)')
    .argument('<jobs...>', 'job ids')
    .action((jobIds: string[], _options: unknown, self: Command) =>
      withSession(self, async ({ client, reporter }) => {
        for (const jobId of jobIds) {
          try {
            const job = await client.jobs.cancel(jobId);
            reporter.result({ jobId, status: job.status }, `canceled ${jobId} (now ${job.status})`);
          } catch (error) {
            reporter.result({ jobId, status: 'failed', error: oneLine(error) }, `failed   ${jobId}: ${oneLine(error)}`);
            runtime.exitCode = EXIT.failed;
          }
        }
      }),
    );
  return jobs;
}
