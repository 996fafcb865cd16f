--[=[
Adds an organisation stored before the names index existed to it (upsertOrganisation.lua keeps
it from then on). KEYS: 1 the organisation, 2 the names index.  ARGV: 1 id.
Reply: 1 if added, 0 if it was there already or the organisation is gone.
]=]
local name = redis.call('HGET', KEYS[1], 'name')
if not name then return 0 end
return redis.call('ZADD', KEYS[2], 0, name .. '\t' .. ARGV[1])
