/**
 * `npm run studio`: the studio on http://127.0.0.1:5173, on the local emulator unless
 * SCENARIO_API_KEY and SCENARIO_API_SECRET (or SCENARIO_API_TOKEN) are set.
 */
import { startStudio } from './studio.ts';

const studio = await startStudio({ port: Number(process.env.STUDIO_PORT) || 5173 });
console.log(`Studio on ${studio.url} (${studio.emulator ? `emulator at ${studio.emulator.url}` : 'the Scenario API'})`);
process.on('SIGINT', () => void studio.close().then(() => process.exit(0)));
