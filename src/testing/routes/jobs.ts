import { Hono } from 'hono';
import { TERMINAL_JOB_STATUSES } from '../../schemas/job.js';
import type { AppEnv, EmulatorContext } from '../context.js';
import { badRequest, findOwned } from '../errors.js';
import { CANCELABLE_JOB_TYPES, jobStatus, jobView } from '../job-lifecycle.js';
import { nextToken, paginate } from '../pagination.js';
import { queryList, readBody } from '../request.js';

const TERMINAL = new Set<string>(TERMINAL_JOB_STATUSES);

/** `GET /jobs/{id}`, `GET /jobs`, `POST /jobs/{id}/action` (cancel). */
export function jobRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const find = (id: string, owner: string) => findOwned(context.store.jobs, id, owner, 'Job');

  app.get('/jobs/:jobId', (c) => c.json({ job: jobView(context, find(c.req.param('jobId'), c.get('owner'))) }));

  app.get('/jobs', (c) => {
    const owner = c.get('owner');
    const status = c.req.query('status');
    // As the swagger says: given `types`, `type` is ignored.
    const types = queryList(c, 'types').length > 0 ? queryList(c, 'types') : queryList(c, 'type');
    const showHidden = c.req.query('hideResults') !== 'false';
    const all = [...context.store.jobs.values()].filter((job) => job.ownerId === owner).reverse();
    const page = paginate(c, all, (job) => {
      if (status && jobStatus(context, job) !== status) return false;
      if (types.length > 0 && !types.includes(job.jobType)) return false;
      return showHidden || !job.plan?.hideResults;
    });
    return c.json({ jobs: page.items.map((job) => jobView(context, job)), ...nextToken(page) });
  });

  app.post('/jobs/:jobId/action', async (c) => {
    const job = find(c.req.param('jobId'), c.get('owner'));
    // The swagger's enum names the actions (only `cancel` today); it does not mark `action` required.
    const { action } = (await readBody(context, c)) as { action?: string };
    if (action === undefined) throw badRequest('Input action is required');
    if (!CANCELABLE_JOB_TYPES.has(job.jobType))
      throw badRequest('Cannot cancel this type of job. Action not permitted.');
    const status = jobStatus(context, job);
    if (TERMINAL.has(status)) throw badRequest(`Cannot cancel job ${job.id}: it is already ${status}`);
    job.canceledAt = context.options.clock.now();
    return c.json({ job: jobView(context, job) });
  });

  return app;
}
