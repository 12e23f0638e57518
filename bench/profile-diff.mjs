#!/usr/bin/env node
// Compares two V8 .cpuprofile files of the same number of requests (bench.mjs --profile <name>):
// self time per function in µs per request, B minus A, largest differences first.
//   node bench/profile-diff.mjs <a.cpuprofile> <b.cpuprofile> <requests> [top=40]
import { readFileSync } from 'node:fs';

const [fileA, fileB, requestsText, topText = '40'] = process.argv.slice(2);
if (!fileA || !fileB || !requestsText) {
  console.error('usage: node bench/profile-diff.mjs <a.cpuprofile> <b.cpuprofile> <requests> [top]');
  process.exit(2);
}
const requests = Number(requestsText);

function where(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 13).split('/').slice(0, url.slice(nm + 13).startsWith('@') ? 2 : 1).join('/');
  if (url.startsWith('node:')) return url;
  return url.replace(/^.*\/(cic-bench-[^/]+|bench|src)\//, '');
}

function selfByFunction(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const cf = byId.get(profile.samples[i]).callFrame;
    if (cf.functionName === '(idle)') continue;
    const key = `${cf.functionName || '(anonymous)'} ${where(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return out;
}

const a = selfByFunction(fileA);
const b = selfByFunction(fileB);
const keys = new Set([...a.keys(), ...b.keys()]);
const rows = [...keys].map((k) => [k, (a.get(k) ?? 0) / requests, (b.get(k) ?? 0) / requests]);
const total = (m) => [...m.values()].reduce((x, y) => x + y, 0) / requests;
console.log(`busy µs/request: A ${total(a).toFixed(1)}  B ${total(b).toFixed(1)}  diff ${(total(b) - total(a)).toFixed(1)}`);
console.log('   A µs    B µs    B-A   function');
for (const [k, x, y] of rows.sort((p, q) => Math.abs(q[2] - q[1]) - Math.abs(p[2] - p[1])).slice(0, Number(topText))) {
  console.log(`${x.toFixed(2).padStart(7)} ${y.toFixed(2).padStart(7)} ${(y - x).toFixed(2).padStart(7)}   ${k}`);
}
