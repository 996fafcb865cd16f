--[=[
Stores a new sign-in session and lists it under its person, in one step (one person's tag).
KEYS: 1 the session, 2 the person's set of sessions.
ARGV: 1 the session's JSON, 2 its idle lifetime (ms), 3 its absolute lifetime (ms), 4 its digest (the set's member).
]=]
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[4])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 1
