-- wrk script for `bench/run api-wrk`: sends the pre-built requests of a file in turn (one per line, each CRLF
-- written as "~"; each wrk thread starts at its own place), then prints one summary line with the latency
-- percentiles wrk measured (microseconds, send to full response per request).
local requests = {}
local next_index = 0
local thread_count = 0

function setup(thread)
    thread:set("offset", thread_count)
    thread_count = thread_count + 1
end

function init(args)
    for line in io.lines(args[1]) do
        requests[#requests + 1] = (line:gsub("~", "\r\n"))
    end
    next_index = (offset * 7919) % #requests
end

function request()
    next_index = next_index % #requests + 1
    return requests[next_index]
end

function done(summary, latency, requests_made)
    io.write(string.format("wrk requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d "
            .. "p999_us=%d max_us=%d\n", summary.requests, summary.duration, summary.errors.status,
            summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
            latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
