// The benchmark's HTTP server, run in its own process (child_process.fork) so that the client process's
// CPU is measured alone. Keep-alive, one precomputed ~1 KB JSON body per vendor (bench/contenders.mjs), each
// answered for that vendor's operations. The first answer to each request target goes through the spec check
// (test/support/spec-conformance-core.mjs) and its verdict is kept, so the check costs nothing per request
// after that: a body off its vendor's spec is answered as a 500 saying why (the contender's fixture check then
// fails) and reported to the parent as { type: 'violation', message }. A target that is no vendor operation
// is answered 404.
// Protocol: the parent sends { bodies: { <vendor>: <JSON text> } } over IPC; the server answers { port } once
// listening.
import { createServer } from 'node:http';
import { conformingAnswer, findOperation, warmUp } from '../test/support/spec-conformance-core.mjs';

function answer(status, text) {
  const payload = Buffer.from(text, 'utf8');
  const headers = [
    'content-type', 'application/json; charset=utf-8',
    'content-length', String(payload.byteLength),
    'x-request-id', 'bench-0000',
  ];
  return { status, headers, payload };
}

process.once('message', ({ bodies }) => {
  warmUp();
  /** The answer per `METHOD target`, decided on the first request. */
  const answers = new Map();
  const answerFor = (method, target) => {
    const key = `${method} ${target}`;
    let found = answers.get(key);
    if (found !== undefined) return found;
    const operation = findOperation(undefined, method, target);
    const body = operation === undefined ? undefined : bodies[operation.vendor];
    if (body === undefined) {
      found = answer(404, JSON.stringify({ error: { code: 'not_found', message: `no bench body for ${method} ${target}` } }));
    } else {
      const checked = conformingAnswer({ vendor: operation.vendor, method, path: target, status: 200, bodyText: body });
      if (!checked.ok) process.send({ type: 'violation', message: checked.violation.message });
      found = checked.ok ? answer(200, body) : answer(checked.status, JSON.stringify(checked.body));
    }
    answers.set(key, found);
    return found;
  };
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => {
    // Drain (GET has no body; this keeps the connection reusable if one ever arrives).
    req.resume();
    const { status, headers, payload } = answerFor(req.method ?? 'GET', req.url ?? '/');
    res.writeHead(status, headers);
    res.end(payload);
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    process.send({ port: server.address().port });
  });
  process.on('disconnect', () => process.exit(0));
});
