// One throughput measurement of one contender, in a process of its own (forked by bench/bench.mjs): set up,
// check the answer, warm up, then a sequential and a concurrent run. No forced GC before a run: in a fresh
// process there is no other contender's garbage to clear, and a full GC shrinks the heap, which the next
// ~1,500 calls then pay to regrow (measured: 30-70 % more CPU per request in that window, more for the
// cheaper clients), which is not the steady state a run measures.
// Protocol: the parent sends { entry, base, name, plan }; the child answers { sequential, concurrent } or
// { error } and exits.
import { CONTENDERS, checkContender, runConcurrent, runSequential } from './contenders.mjs';

async function measure({ entry, base, name, plan }) {
  const contender = CONTENDERS.find((c) => c.name === name);
  if (contender === undefined) throw new Error(`no contender ${name}`);
  const pkg = await import(entry);
  const call = await contender.setup(pkg, base);
  await checkContender(name, call);
  // Warm: this contender's connections and code paths (JIT), both modes.
  for (let i = 0; i < plan.warmupRequests; i++) await call();
  await runConcurrent(call, plan.warmupRequests, plan.concurrency);
  const sequential = await runSequential(call, plan.sequentialRequests);
  await runConcurrent(call, plan.settleRequests, plan.concurrency);
  const concurrent = await runConcurrent(call, plan.concurrentRequests, plan.concurrency);
  return { sequential, concurrent };
}

process.once('message', (job) => {
  measure(job).then(
    (result) => process.send(result, () => process.exit(0)),
    (err) => process.send({ error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
