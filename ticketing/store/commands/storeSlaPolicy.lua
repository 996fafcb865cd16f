--[=[
Stores a new SLA policy version: the next version number and its record together.
ARGV: 1 prefix, 2 record JSON ({document, storedAt, storedBy}), 3 '1' = only when no version exists yet
Reply: the new version number, or 0 when ARGV[3] is '1' and a version exists.
]=]
local prefix, record, onlyFirst = ARGV[1], ARGV[2], ARGV[3]
local seqKey = prefix .. 'sla-policy:latest'
if onlyFirst == '1' and redis.call('EXISTS', seqKey) == 1 then return 0 end
local version = redis.call('INCR', seqKey)
redis.call('HSET', prefix .. 'sla-policy:versions', version, record)
return version
