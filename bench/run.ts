/**
 * `npm run bench`: every benchmark, one after the other (each prints its own figures).
 * Figures are recorded by hand in docs/BENCHMARKS.md with the date, machine and command, except
 * the pacing report's, the AMD report's and the SIP throughput's, which write their own sections
 * (bench/pacing-report.ts, bench/amd-bench.ts, bench/sip-throughput.ts).
 */
import { spawnSync } from 'node:child_process';

const benches: Array<{ name: string; args: string[] }> = [
  { name: 'contact-list import (L1)', args: ['--import', 'tsx', 'bench/import-bench.ts'] },
  { name: 'do-not-call lookups (L4)', args: ['--expose-gc', '--import', 'tsx', 'bench/dnc-bench.ts'] },
  { name: 'dial-time compliance check (L4, L5, L6)', args: ['--import', 'tsx', 'bench/may-dial.ts'] },
  { name: 'virtual-time scheduler', args: ['--import', 'tsx', 'bench/virtual-time.ts'] },
  { name: 'simulated carrier (T1)', args: ['--import', 'tsx', 'bench/simulated-carrier.ts'] },
  { name: 'pacing simulator: one 8-hour replication of S4, 100 agents (issue 7 point 9)', args: ['--import', 'tsx', 'bench/pacing-speed.ts'] },
  { name: 'pacing algorithms on every scenario, writes its section of docs/BENCHMARKS.md and docs/charts/ (issue 7 point 5)', args: ['--import', 'tsx', 'bench/pacing-report.ts'] },
  { name: 'answering-machine detection on the espeak-ng corpus, writes its section of docs/BENCHMARKS.md (D5, issue 8 point 2)', args: ['--import', 'tsx', 'bench/amd-bench.ts'] },
  { name: 'SIP carrier throughput against SIPp with AMD on every answer, writes its section of docs/BENCHMARKS.md (T2, issue 8 point 5)', args: ['--import', 'tsx', 'bench/sip-throughput.ts'] },
  { name: 'dialer record-buffer refill at 100,000 and 1,000,000 records (issue 4 point 4)', args: ['--import', 'tsx', 'bench/dialer-refill.ts'] },
  { name: 'dialer in virtual time: 1,000 agents, 3,000 concurrent calls (issue 4 point 13)', args: ['--import', 'tsx', 'bench/dialer-virtual.ts'] },
  { name: 'callback search at 200,000 callbacks (C2, C5)', args: ['--import', 'tsx', 'bench/callbacks-search.ts', '--sizes', '200000'] },
];

const only = process.argv.slice(2);
let failed = 0;
for (const bench of benches) {
  if (only.length && !only.some((o) => bench.name.includes(o) || bench.args.join(' ').includes(o))) continue;
  process.stdout.write(`\n=== ${bench.name}: node ${bench.args.join(' ')}\n`);
  const res = spawnSync(process.execPath, bench.args, { stdio: 'inherit' });
  if (res.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
