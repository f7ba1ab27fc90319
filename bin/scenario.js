#!/usr/bin/env node
// The `scenario` command line (see `scenario --help`). Runs the built package.
import { main } from '../dist/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
