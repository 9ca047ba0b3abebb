// One table over every size of a bench report: each endpoint's rows read and queries as the
// directory grows, and its throughput against the floor and CPU per request, edge copy off and on.
// Also runnable on a written report: `node test/bench/load/summary.mjs bench-results/latest.json`.
import { readFileSync } from 'node:fs';

const int = (n) => (n === null || n === undefined || Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en'));
const fixed = (n, digits) => (n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

export function summaryTable(report) {
  const sizes = [...new Set(report.runs.map((run) => run.size))];
  const run = (size, mode) => report.runs.find((r) => r.size === size && r.mode === mode);
  const across = (mode, id, value) =>
    sizes
      .map((size) => {
        const r = run(size, mode);
        const result = r?.results.find((x) => x.id === id);
        return result ? value(result, r) : '–';
      })
      .join(' → ');
  const ratio = (result, r) =>
    result.load ? fixed(result.load.reqPerS / r.floorReqPerS, 2) : `(1 req: ${int(result.singleMs)} ms)`;
  const cpu = (result) => (result.load ? fixed(result.load.cpuMsPerRequest, 1) : '–');
  const first = report.runs[0];
  const lines = [
    `| request | rows returned | rows read, edge off | queries (trips) | × floor, edge off | CPU ms/req, edge off ` +
      `| × floor, edge on | CPU ms/req, edge on |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { id, label } of first.results) {
    lines.push(
      `| ${label} | ${across('uncached', id, (x) => (id === 'floor' ? '–' : int(x.rowsReturned)))} ` +
        `| ${across('uncached', id, (x) => int(x.d1.rows_read))} ` +
        `| ${across('uncached', id, (x) => (x.d1.queries === undefined ? '–' : `${x.d1.queries} (${x.d1.trips})`))} ` +
        `| ${across('uncached', id, ratio)} | ${across('uncached', id, cpu)} ` +
        `| ${across('cached', id, ratio)} | ${across('cached', id, cpu)} |`,
    );
  }
  const floors = sizes
    .flatMap((size) => ['uncached', 'cached'].map((mode) => run(size, mode)).filter(Boolean))
    .map((r) => `${int(r.floorReqPerS)}`)
    .join(', ');
  return [
    `Sizes: ${sizes.map((s) => s.toLocaleString('en')).join(' → ')} synthetic services; the floor served ` +
      `${floors} req/s in its runs (in order).`,
    '',
    ...lines,
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  console.log(summaryTable(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
}
