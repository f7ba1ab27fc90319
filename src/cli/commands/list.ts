import { Command } from 'commander';
import type * as z from 'zod/mini';
import type { PagePromise, Scenario } from '../../index.js';
import { addFlags, flagsOf, flagWords, inUserWords, paramsFromOptions } from '../flags.js';
import { positiveInteger, withSession } from '../session.js';
import { table } from '../table.js';

/** How a `list` subcommand reads and shows one resource. */
export interface Listing<T> {
  description: string;
  /** The SDK's query schema: its fields become the flags (paging aside), checked by the SDK before any request. */
  query: z.core.$ZodType;
  list(client: Scenario, query: Record<string, unknown>): PagePromise<T>;
  /** Columns for people: header and cell. */
  columns: readonly (readonly [string, (item: T) => string])[];
}

/** Items shown unless `--limit` says otherwise. */
const DEFAULT_LIMIT = 20;

/** `scenario <resource> list`: newest first, across pages up to `--limit`; a table, or one JSON object per item. */
export function listCommand<T>(listing: Listing<T>): Command {
  const flags = flagsOf(listing.query, ['paginationToken', 'pageSize']);
  const command = new Command('list')
    .description(listing.description)
    .option('--limit <n>', 'show at most this many', String(DEFAULT_LIMIT));
  addFlags(command, flags);
  return command.action((_options: unknown, self: Command) =>
    withSession(self, async ({ client, reporter }) => {
      const limit = positiveInteger('limit', self.opts().limit, DEFAULT_LIMIT);
      const rows: string[][] = [];
      try {
        for await (const item of listing.list(client, paramsFromOptions(flags, self.opts()))) {
          reporter.result(item);
          rows.push(listing.columns.map(([, cell]) => cell(item)));
          if (rows.length >= limit) break;
        }
      } catch (error) {
        // The SDK checks the query before the first request: its problems named by the flags.
        throw inUserWords(error, flagWords(flags));
      }
      reporter.text(rows.length > 0 ? table([listing.columns.map(([header]) => header), ...rows]) : 'nothing found');
    }),
  );
}
