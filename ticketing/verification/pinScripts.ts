/**
 * The Lua scripts behind PinVerifier: each state change of a code is one script, so counting
 * sends and tries and setting the lock hold under any number of concurrent requests from any
 * number of instances. Times come in as ARGV (the caller's clock), never from Redis' TIME.
 * Redis TTLs are housekeeping only; every decision compares the stored instants with `now`.
 *
 * Code record (hash): hash (HMAC of the code), conversation, org, admin ('' for a decoy), issue
 * (id of this issuing), expiresAt, tries (comparisons handed out), wrong (comparisons that failed).
 */

/**
 * Issue a code. KEYS: lock, sends, code, conversation pointer.
 * ARGV: now, hash, conversationId, orgId, adminId, subject, issueId, codeTtlMs, maxSends, windowMs, keepMs.
 * -> {'sent', 0} | {'locked', msLeft} | {'rate_limited', msLeft}
 */
export const ISSUE_CODE = `
local now = tonumber(ARGV[1])
local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
if lockedUntil > now then return {'locked', lockedUntil - now} end
local windowMs = tonumber(ARGV[10])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[9]) then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {'rate_limited', tonumber(oldest[2]) + windowMs - now}
end
redis.call('ZADD', KEYS[2], now, ARGV[7])
redis.call('PEXPIRE', KEYS[2], windowMs)
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], 'hash', ARGV[2], 'conversation', ARGV[3], 'org', ARGV[4], 'admin', ARGV[5],
  'issue', ARGV[7], 'expiresAt', now + tonumber(ARGV[8]), 'tries', 0, 'wrong', 0)
redis.call('PEXPIRE', KEYS[3], ARGV[11])
redis.call('SET', KEYS[4], ARGV[6], 'PX', ARGV[11])
return {'sent', 0}
`;

/**
 * Undo an issuing whose delivery failed: give the send back and drop the code nobody received.
 * KEYS: sends, code. ARGV: issueId.
 */
export const REFUND_CODE = `
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[2], 'issue') == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
`;

/**
 * Hand out one comparison of a code (at most maxWrong per code, however many guess at once).
 * KEYS: lock, code. ARGV: now, conversationId, maxWrong, lockMs.
 * -> {'compare', 0, hash, issueId} | {'locked', msLeft} | {'no_code', 0} | {'expired', 0}
 */
export const RESERVE_TRY = `
local now = tonumber(ARGV[1])
local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
if lockedUntil > now then return {'locked', lockedUntil - now} end
local code = redis.call('HMGET', KEYS[2], 'hash', 'conversation', 'expiresAt', 'tries', 'issue')
if not code[1] or code[2] ~= ARGV[2] then return {'no_code', 0} end
if tonumber(code[3]) <= now then return {'expired', 0} end
if tonumber(code[4]) >= tonumber(ARGV[3]) then return {'locked', tonumber(ARGV[4])} end
redis.call('HINCRBY', KEYS[2], 'tries', 1)
return {'compare', 0, code[1], code[5]}
`;

/**
 * The code matched: use it up and record the verification for the conversation.
 * KEYS: lock, code, conversation pointer, verified. ARGV: issueId, now, verifiedTtlMs.
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
redis.call('DEL', KEYS[2], KEYS[3])
local ttl = tonumber(ARGV[3])
redis.call('DEL', KEYS[4])
redis.call('HSET', KEYS[4], 'org', code[2], 'admin', code[3], 'until', now + ttl)
redis.call('PEXPIRE', KEYS[4], ttl)
return {'verified', code[2], code[3]}
`;

/**
 * The code did not match: count it, and the last allowed wrong try locks the administrator and
 * drops the code (the conversation keeps pointing at the administrator, so it hears "locked").
 * KEYS: lock, code. ARGV: issueId, now, maxWrong, lockMs.
 * -> {'wrong', attemptsLeft} | {'locked', msLeft, 1 when this try set the lock} | {'no_code', 0}
 */
export const RECORD_WRONG = `
local now = tonumber(ARGV[2])
if redis.call('HGET', KEYS[2], 'issue') ~= ARGV[1] then
  local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
  if lockedUntil > now then return {'locked', lockedUntil - now} end
  return {'no_code', 0}
end
local maxWrong = tonumber(ARGV[3])
local wrong = redis.call('HINCRBY', KEYS[2], 'wrong', 1)
if wrong >= maxWrong then
  local lockMs = tonumber(ARGV[4])
  redis.call('SET', KEYS[1], now + lockMs, 'PX', lockMs)
  redis.call('DEL', KEYS[2])
  return {'locked', lockMs, 1}
end
return {'wrong', maxWrong - wrong}
`;

/** Record a verification. KEYS: verified. ARGV: orgId, adminId, until, ttlMs. */
export const MARK_VERIFIED = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'org', ARGV[1], 'admin', ARGV[2], 'until', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;
