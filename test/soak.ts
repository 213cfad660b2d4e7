import { spawnSync } from 'node:child_process';

// `npm run test:soak`: the long runs kept out of `npm test` (README). Each knob can be raised
// further from the environment; a seed printed by a failure replays it with the same variable.
const env = {
  ...process.env,
  CONVENE_PROPERTY_RUNS: process.env.CONVENE_PROPERTY_RUNS ?? '3000',
  CONVENE_PROPERTY_STEPS: process.env.CONVENE_PROPERTY_STEPS ?? '60',
  CONVENE_KILL_ROUNDS: process.env.CONVENE_KILL_ROUNDS ?? '200',
};
const files = ['test/property/sync-interleavings.test.ts', 'test/sync/kill-during-sync.test.ts'];
const run = spawnSync('npx', ['vitest', 'run', '--testTimeout=7200000', ...files], {
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
