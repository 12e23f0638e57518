// One throughput measurement of one contender, in a process of its own (forked by bench/bench.mjs with
// --expose-gc): set up, check the answer, warm up, then sequential and concurrent runs, each after a GC.
// Protocol: the parent sends { entry, base, name, plan }; the child answers { sequential, concurrent } or
// { error } and exits.
import { CONTENDERS, checkContender, runConcurrent, runSequential } from './contenders.mjs';

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

async function measure({ entry, base, name, plan }) {
  const contender = CONTENDERS.find((c) => c.name === name);
  if (contender === undefined) throw new Error(`no contender ${name}`);
  const pkg = await import(entry);
  const call = await contender.setup(pkg, base);
  await checkContender(name, call);
  // Warm: this contender's connections and code paths (JIT), both modes.
  for (let i = 0; i < plan.warmupRequests; i++) await call();
  await runConcurrent(call, plan.warmupRequests, plan.concurrency);
  gc();
  const sequential = await runSequential(call, plan.sequentialRequests);
  await runConcurrent(call, plan.settleRequests, plan.concurrency);
  gc();
  const concurrent = await runConcurrent(call, plan.concurrentRequests, plan.concurrency);
  return { sequential, concurrent };
}

process.once('message', (job) => {
  measure(job).then(
    (result) => process.send(result, () => process.exit(0)),
    (err) => process.send({ error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
