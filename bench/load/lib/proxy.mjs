// A counting JSON-RPC proxy, run as its own process so its work does not share the load generator's
// event loop. It forwards every POST to the node unchanged and counts the JSON-RPC calls by method,
// each entry of a batch as one call, and the time the node took to answer (a batch's time shared
// among its calls), and the bytes each way. GET /stats answers the counts; POST /reset zeroes them.
//
//   node proxy.mjs --port PORT --target http://127.0.0.1:8545
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, target: { type: "string" } } });
const target = new URL(values.target);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

let counts = emptyCounts();

function emptyCounts() {
  return { since: Date.now(), httpRequests: 0, calls: 0, batches: 0, unparsable: 0, byMethod: {}, nodeMs: 0, nodeMsByMethod: {},
    requestBytes: 0, responseBytes: 0 };
}

/** Counts the calls of one request body; returns their methods. */
function count(body) {
  counts.httpRequests += 1;
  let message;
  try {
    message = JSON.parse(body);
  } catch {
    counts.unparsable += 1;
    return ["(unparsable)"];
  }
  const calls = Array.isArray(message) ? message : [message];
  if (Array.isArray(message)) counts.batches += 1;
  const methods = calls.map((call) => (typeof call?.method === "string" ? call.method : "(none)"));
  for (const method of methods) {
    counts.calls += 1;
    counts.byMethod[method] = (counts.byMethod[method] ?? 0) + 1;
  }
  return methods;
}

function time(methods, started, generation) {
  // a reset while the request was out starts a new count that this request is not part of
  if (generation !== counts) return;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  counts.nodeMs += ms;
  for (const method of methods) {
    counts.nodeMsByMethod[method] = (counts.nodeMsByMethod[method] ?? 0) + ms / methods.length;
  }
}

function answerJson(response, status, value) {
  const body = JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/stats") {
    answerJson(response, 200, { ...counts, now: Date.now() });
    return;
  }
  if (request.method === "POST" && request.url === "/reset") {
    counts = emptyCounts();
    answerJson(response, 200, { reset: true });
    return;
  }
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const methods = request.method === "POST" ? count(body.toString("utf8")) : [];
    counts.requestBytes += body.length;
    const started = process.hrtime.bigint();
    const generation = counts;
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: request.method,
      agent,
      headers: { "content-type": request.headers["content-type"] ?? "application/json", "content-length": body.length },
    }, (answer) => {
      response.writeHead(answer.statusCode, {
        "content-type": answer.headers["content-type"] ?? "application/json",
        ...(answer.headers["content-length"] ? { "content-length": answer.headers["content-length"] } : {}),
      });
      answer.on("data", (chunk) => {
        if (generation === counts) counts.responseBytes += chunk.length;
      });
      answer.on("end", () => time(methods, started, generation));
      answer.pipe(response);
    });
    upstream.on("error", (error) => {
      if (!response.headersSent) {
        answerJson(response, 502, { jsonrpc: "2.0", id: null, error: { code: -32603, message: `proxy: ${error.message}` } });
      } else {
        response.destroy(error);
      }
    });
    upstream.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), "127.0.0.1", () => {
  console.log(`counting proxy on 127.0.0.1:${values.port} -> ${target.href}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
