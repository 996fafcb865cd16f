/**
 * The Lua scripts behind PinVerifier: each state change of a code is one script, so counting
 * sends and tries and setting the lock hold under any number of concurrent requests from any
 * number of instances. Times come in as ARGV (the caller's clock), never from Redis' TIME.
 * Redis TTLs are housekeeping only; every decision compares the stored instants with `now`.
 *
 * Code record (hash, one per administrator and conversation): hash (HMAC of the code),
 * conversation, org, admin ('' for a decoy), issue (id of this issuing), expiresAt, tries
 * (comparisons handed out).
 */

/**
 * Issue a code. KEYS: conversation lock, administrator sends, code, conversation pointer, conversation sends.
 * ARGV: now, hash, conversationId, orgId, adminId, subject, issueId, codeTtlMs, maxSends, windowMs, keepMs,
 * maxConversationSends.
 * -> {'sent', 0} | {'locked', msLeft} | {'rate_limited', msLeft}
 * The conversation's own budget is spent first: a send it is refused never counts against the
 * administrator's. The code is the conversation's own: another conversation asking for the same
 * administrator never replaces it (an attacker's requests cannot void the administrator's code).
 */
export const ISSUE_CODE = `
local now = tonumber(ARGV[1])
local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
if lockedUntil > now then return {'locked', lockedUntil - now} end
local windowMs = tonumber(ARGV[10])
for _, budget in ipairs({{KEYS[5], tonumber(ARGV[12])}, {KEYS[2], tonumber(ARGV[9])}}) do
  redis.call('ZREMRANGEBYSCORE', budget[1], '-inf', now - windowMs)
  if redis.call('ZCARD', budget[1]) >= budget[2] then
    local oldest = redis.call('ZRANGE', budget[1], 0, 0, 'WITHSCORES')
    return {'rate_limited', tonumber(oldest[2]) + windowMs - now}
  end
end
for _, key in ipairs({KEYS[5], KEYS[2]}) do
  redis.call('ZADD', key, now, ARGV[7])
  redis.call('PEXPIRE', key, windowMs)
end
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], 'hash', ARGV[2], 'conversation', ARGV[3], 'org', ARGV[4], 'admin', ARGV[5],
  'issue', ARGV[7], 'expiresAt', now + tonumber(ARGV[8]), 'tries', 0)
redis.call('PEXPIRE', KEYS[3], ARGV[11])
redis.call('SET', KEYS[4], ARGV[6], 'PX', ARGV[11])
return {'sent', 0}
`;

/**
 * Hand out one comparison. Every try is counted, until it proves right, in two rolling hours: the
 * conversation's (maxWrong there locks the conversation, whichever codes they were for) and the
 * administrator's (guardAfter there, from several conversations, is distributed guessing: each
 * code then gets a single try, so the administrator's own fresh code still works at once).
 * KEYS: conversation lock, code, conversation tries, administrator tries.
 * ARGV: now, conversationId, maxWrong, lockMs, tryId, windowMs, guardAfter.
 * -> {'compare', 0, hash, issueId} | {'locked', msLeft} | {'no_code', 0} | {'expired', 0}
 */
export const RESERVE_TRY = `
local now = tonumber(ARGV[1])
local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
if lockedUntil > now then return {'locked', lockedUntil - now} end
local code = redis.call('HMGET', KEYS[2], 'hash', 'conversation', 'expiresAt', 'tries', 'issue')
if not code[1] or code[2] ~= ARGV[2] then return {'no_code', 0} end
if tonumber(code[3]) <= now then return {'expired', 0} end
local windowMs = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then return {'locked', tonumber(ARGV[4])} end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[7]) and tonumber(code[4]) >= 1 then return {'expired', 0} end
for i = 3, 4 do
  redis.call('ZADD', KEYS[i], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[i], windowMs)
end
redis.call('HINCRBY', KEYS[2], 'tries', 1)
return {'compare', 0, code[1], code[5]}
`;

/**
 * The code matched: use it up, take its try off both counts, record the verification.
 * KEYS: conversation lock, code, conversation pointer, verified, conversation tries, administrator tries.
 * ARGV: issueId, now, verifiedTtlMs, tryId.
 * -> {'verified', orgId, adminId} | {'locked', msLeft} | {'no_code', 0}
 */
export const CONSUME_CODE = `
local now = tonumber(ARGV[2])
local code = redis.call('HMGET', KEYS[2], 'issue', 'org', 'admin')
if code[1] ~= ARGV[1] or code[3] == '' then
  local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
  if lockedUntil > now then return {'locked', lockedUntil - now} end
  return {'no_code', 0}
end
redis.call('ZREM', KEYS[5], ARGV[4])
redis.call('ZREM', KEYS[6], ARGV[4])
redis.call('DEL', KEYS[2], KEYS[3])
local ttl = tonumber(ARGV[3])
redis.call('DEL', KEYS[4])
redis.call('HSET', KEYS[4], 'org', code[2], 'admin', code[3], 'until', now + ttl)
redis.call('PEXPIRE', KEYS[4], ttl)
return {'verified', code[2], code[3]}
`;

/**
 * The code did not match (its try stays counted). The conversation's last allowed wrong try
 * locks the conversation and drops its code; while the administrator is being guessed at from
 * many conversations, a wrong try drops the code too.
 * KEYS: conversation lock, code, conversation tries, administrator tries.
 * ARGV: issueId, now, maxWrong, lockMs, guardAfter.
 * -> {'wrong', attemptsLeft} | {'locked', msLeft, 1 when this try set the lock}
 */
export const RECORD_WRONG = `
local now = tonumber(ARGV[2])
local maxWrong = tonumber(ARGV[3])
local wrong = redis.call('ZCARD', KEYS[3])
local ours = redis.call('HGET', KEYS[2], 'issue') == ARGV[1]
if wrong >= maxWrong then
  local lockMs = tonumber(ARGV[4])
  redis.call('SET', KEYS[1], now + lockMs, 'PX', lockMs)
  redis.call('DEL', KEYS[3])
  if ours then redis.call('DEL', KEYS[2]) end
  return {'locked', lockMs, 1}
end
if ours and redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[5]) then redis.call('DEL', KEYS[2]) end
return {'wrong', maxWrong - wrong}
`;

/** Record a verification. KEYS: verified. ARGV: orgId, adminId, until, ttlMs. */
export const MARK_VERIFIED = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'org', ARGV[1], 'admin', ARGV[2], 'until', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;
