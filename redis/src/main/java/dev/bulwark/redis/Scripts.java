package dev.bulwark.redis;

/**
 * The Lua scripts the store runs: each decision is one script, atomic on the server and timed by the server's clock
 * ({@code TIME}, in microseconds), so replicas' clocks never matter. Numbers are written with {@code %d}: Lua's
 * default formatting would round a microsecond timestamp.
 */
final class Scripts {

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            """;

    /**
     * FIXED: windows aligned to the epoch, {@code value} permits each. KEYS[1] hash {w: window, n: used, l: last}.
     * ARGV: window µs, value, spacing µs, permits, ttl ms. Returns 0 (taken) or the µs to wait.
     */
    static final String FIXED = NOW + """
            local window, value, spacing, permits = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local w = math.floor(now / window)
            local s = redis.call('HMGET', KEYS[1], 'w', 'n', 'l')
            local n = 0
            if tonumber(s[1]) == w then n = tonumber(s[2]) end
            local wait = 0
            local last = tonumber(s[3])
            if spacing > 0 and last then wait = last + spacing - now end
            if n + permits > value then wait = math.max(wait, (w + 1) * window - now) end
            if wait > 0 then return wait end
            redis.call('HSET', KEYS[1], 'w', string.format('%d', w), 'n', n + permits, 'l', string.format('%d', now))
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 0
            """;

    /**
     * ROLLING: at most {@code value} permits in any window-long interval, exactly: a sorted set of the permits of the
     * last window (one member each, scored by time; O(value) memory, as exactness needs), KEYS[2] hash {q: sequence,
     * l: last}. ARGV as FIXED.
     */
    static final String ROLLING = NOW + """
            local window, value, spacing, permits = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - window))
            local count = redis.call('ZCARD', KEYS[1])
            local wait = 0
            if spacing > 0 then
              local last = tonumber(redis.call('HGET', KEYS[2], 'l'))
              if last then wait = last + spacing - now end
            end
            if count + permits > value then
              local oldest = redis.call('ZRANGE', KEYS[1], count + permits - value - 1, count + permits - value - 1, 'WITHSCORES')
              wait = math.max(wait, tonumber(oldest[2]) + window - now)
            end
            if wait > 0 then return wait end
            local q = redis.call('HINCRBY', KEYS[2], 'q', permits)
            for i = q - permits + 1, q do
              redis.call('ZADD', KEYS[1], string.format('%d', now), string.format('%d', i))
            end
            redis.call('HSET', KEYS[2], 'l', string.format('%d', now))
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return 0
            """;

    /**
     * SMOOTH: the generic cell rate algorithm, full at the start. KEYS[1] hash {t: theoretical arrival time, l: last}.
     * ARGV: interval µs, capacity, spacing µs, permits, ttl ms.
     */
    static final String SMOOTH = NOW + """
            local interval, capacity, spacing, permits = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local s = redis.call('HMGET', KEYS[1], 't', 'l')
            local tat = tonumber(s[1]) or now
            if tat < now then tat = now end
            local nxt = tat + permits * interval
            local wait = nxt - capacity * interval - now
            local last = tonumber(s[2])
            if spacing > 0 and last then wait = math.max(wait, last + spacing - now) end
            if wait > 0 then return wait end
            redis.call('HSET', KEYS[1], 't', string.format('%d', nxt), 'l', string.format('%d', now))
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 0
            """;

    /**
     * A breaker's change, told to every replica: KEYS[1] state hash {s: state, at: µs}, KEYS[2] the trial lease (any
     * change ends it). ARGV: state, origin replica, ttl ms, channel, breaker name. CLOSED and RESET leave nothing.
     */
    static final String PUBLISH = NOW + """
            if ARGV[1] == 'CLOSED' or ARGV[1] == 'RESET' then
              redis.call('DEL', KEYS[1])
            else
              redis.call('HSET', KEYS[1], 's', ARGV[1], 'at', string.format('%d', now))
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            redis.call('DEL', KEYS[2])
            redis.call('PUBLISH', ARGV[4], ARGV[5] .. '\\n' .. ARGV[1] .. '\\n' .. ARGV[2])
            return 1
            """;

    /** A breaker's shared state now: {state, µs since it was set}, or an empty list. KEYS[1] the state hash. */
    static final String READ = NOW + """
            local s = redis.call('HMGET', KEYS[1], 's', 'at')
            if not s[1] then return {} end
            return {s[1], string.format('%d', now - tonumber(s[2]))}
            """;

    /** The trial lease: 1 if ARGV[1] (a replica) holds it now, taking it if free. KEYS[1] the lease, ARGV[2] ttl ms. */
    static final String LEASE = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then return 1 end
            if holder then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    private Scripts() {
    }
}
