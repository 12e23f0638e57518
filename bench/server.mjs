// The benchmark's HTTP server, run in its own process (child_process.fork) so that the client process's
// CPU is measured alone. Keep-alive, one precomputed ~1 KB JSON body for every path (it satisfies the
// Vercel SDK's response schema, which validates; the other clients do not care about its shape).
// Protocol: the parent sends { body } over IPC; the server answers { port } once listening.
import { createServer } from 'node:http';

process.once('message', ({ body }) => {
  const payload = Buffer.from(body, 'utf8');
  const headers = [
    'content-type', 'application/json; charset=utf-8',
    'content-length', String(payload.byteLength),
    'x-request-id', 'bench-0000',
  ];
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => {
    // Drain (GET has no body; this keeps the connection reusable if one ever arrives).
    req.resume();
    res.writeHead(200, headers);
    res.end(payload);
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    process.send({ port: server.address().port });
  });
  process.on('disconnect', () => process.exit(0));
});
