// Summaries of one measurement and across repeated runs.

/** The p-th percentile (0..100) of `values` by nearest rank; undefined when empty. */
export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values) {
  const defined = values.filter((v) => v !== undefined && Number.isFinite(v));
  if (defined.length === 0) return undefined;
  const sorted = [...defined].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, min and max of one figure over runs. */
export function spread(values) {
  const defined = values.filter((v) => v !== undefined && Number.isFinite(v));
  return { median: median(defined), min: Math.min(...defined), max: Math.max(...defined), runs: defined.length };
}

export function latencySummary(values) {
  return { p50: percentile(values, 50), p90: percentile(values, 90), p99: percentile(values, 99),
    max: percentile(values, 100), count: values.length };
}

/**
 * One measurement: the send results, the inclusions seen, the node-request counts of the
 * admission window (first send to last answer) and of the whole window (until all were included
 * or the wait ended), and the CPU time of the admission window. `expected(result)` says whether an
 * operation was answered as the shape expects (accepted, or refused as the flood must be); the
 * rates, latencies and costs "per op" count those operations.
 */
export function summarise({ send, inclusions, admissionCounts, totalCounts, admissionCpu, expected }) {
  const accepted = send.results.filter((r) => r.accepted);
  const answered = send.results.filter(expected);
  const errors = {};
  for (const result of send.results.filter((r) => !r.accepted)) {
    const entry = errors[result.errorCode] ??= { count: 0, example: result.errorMessage };
    entry.count += 1;
  }
  const sendSeconds = (send.endedAt - send.startedAt) / 1000;
  const included = accepted.filter((r) => inclusions.has(r.userOpHash.toLowerCase()));
  const inclusionMs = included.map((r) => inclusions.get(r.userOpHash.toLowerCase()).at - r.sentAt);
  const lastInclusion = included.length
    ? Math.max(...included.map((r) => inclusions.get(r.userOpHash.toLowerCase()).at)) : undefined;
  const perOp = (value) => (answered.length ? value / answered.length : undefined);
  return {
    sent: send.results.length,
    accepted: accepted.length,
    expected: answered.length,
    errors,
    sendSeconds,
    opsPerSecond: answered.length / sendSeconds,
    latencyMs: latencySummary(answered.map((r) => r.latencyMs)),
    unexpectedLatencyMs: latencySummary(send.results.filter((r) => !expected(r)).map((r) => r.latencyMs)),
    inclusion: {
      included: included.length,
      succeeded: included.filter((r) => inclusions.get(r.userOpHash.toLowerCase()).success).length,
      blocks: new Set(included.map((r) => inclusions.get(r.userOpHash.toLowerCase()).block)).size,
      ms: latencySummary(inclusionMs),
      allIncludedSeconds: lastInclusion === undefined ? undefined : (lastInclusion - send.startedAt) / 1000,
    },
    node: {
      admissionCalls: admissionCounts.calls,
      admissionNodeMsPerOp: perOp(admissionCounts.nodeMs),
      admissionNodeMsByMethod: admissionCounts.nodeMsByMethod,
      admissionKiBSentPerOp: perOp(admissionCounts.requestBytes / 1024),
      admissionKiBReceivedPerOp: perOp(admissionCounts.responseBytes / 1024),
      admissionHttpRequests: admissionCounts.httpRequests,
      admissionCallsPerOp: perOp(admissionCounts.calls),
      totalCalls: totalCounts.calls,
      totalHttpRequests: totalCounts.httpRequests,
      totalCallsPerOp: perOp(totalCounts.calls),
      windowSeconds: (totalCounts.now - totalCounts.since) / 1000,
      byMethod: totalCounts.byMethod,
      admissionByMethod: admissionCounts.byMethod,
    },
    // CPU seconds each part used between the first send and the last answer
    cpu: {
      seconds: admissionCpu,
      msPerOp: Object.fromEntries(Object.entries(admissionCpu).map(([part, s]) => [part, perOp(s * 1000)])),
      coresBusy: Object.values(admissionCpu).reduce((a, b) => a + b, 0) / sendSeconds,
    },
  };
}
