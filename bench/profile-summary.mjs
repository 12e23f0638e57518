#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function and per file/package.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=30]
// Typical use: node --cpu-prof --cpu-prof-dir=.tmp/prof bench/bench.mjs --profile "ours: Huawei (AK/SK)"
import { readFileSync } from 'node:fs';

const [file, topText = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topText);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '(native/builtin)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url.split('/')[0] + (url.includes('undici') ? ' (undici)' : '');
  return url.replace(/^file:\/\/.*?\/(bench|src|cic-bench-[^/]+)\//, '$1/');
}

const fnTotals = new Map();
const fileTotals = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anonymous)'}  ${where(cf.url)}:${cf.lineNumber + 1}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + us);
  const f = where(cf.url);
  fileTotals.set(f, (fileTotals.get(f) ?? 0) + us);
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\nself time by file/package:');
for (const [k, us] of [...fileTotals].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)}  ${k}`);
console.log('\nself time by function:');
for (const [k, us] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);

// Callers of the functions named in PROFILE_CALLERS (comma-separated), by self time of the callee.
const callersOf = (process.env.PROFILE_CALLERS ?? '').split(',').filter(Boolean);
if (callersOf.length > 0) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  for (const name of callersOf) {
    const byCaller = new Map();
    for (const [id, us] of selfUs) {
      const n = byId.get(id);
      if (n.callFrame.functionName !== name) continue;
      const chain = [];
      for (let p = parent.get(id), d = 0; p && d < 4; p = parent.get(p.id), d++) chain.push(`${p.callFrame.functionName || '(anon)'}@${where(p.callFrame.url)}:${p.callFrame.lineNumber + 1}`);
      const key = chain.join(' < ');
      byCaller.set(key, (byCaller.get(key) ?? 0) + us);
    }
    console.log(`\ncallers of ${name}:`);
    for (const [k, us] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${pct(us)}  ${k}`);
  }
}
