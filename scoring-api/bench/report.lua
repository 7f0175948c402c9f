-- wrk script: after the run, one line of figures that bench-api.sh collects.
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
