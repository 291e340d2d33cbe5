// Every image's healthcheck (Debian slim has neither wget nor curl): exit 0 when this container's server answers
// 200 on loopback. `node healthcheck.mjs [path]`, /healthz by default; compose asks /readyz.
const path = process.argv[2] ?? '/healthz';
const port = process.env.GATEWAY_PORT ?? process.env.PORT;
const answer = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) }).catch(
  () => undefined,
);
process.exit(answer?.status === 200 ? 0 : 1);
