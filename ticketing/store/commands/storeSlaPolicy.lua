--[=[
Stores a new SLA policy version: the next version number and its record together.
KEYS: 1 the latest version number, 2 the versions hash.
ARGV: 1 record JSON ({document, storedAt, storedBy}), 2 '1' = only when no version exists yet
Reply: the new version number, or 0 when ARGV[2] is '1' and a version exists.
]=]
local record, onlyFirst = ARGV[1], ARGV[2]
if onlyFirst == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local version = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], version, record)
return version
