--[=[
Takes a closed ticket past its retention period out of every list index (its record stays, found
by id), unless it was saved since it was read. A later save (reopening it) lists it again.
KEYS: 1 the ticket, 2 the closed set, 3... the list indexes and cells it is in.  ARGV: 1 revision read, 2 id.
Reply: 1 if taken out, 0 if the ticket changed meanwhile.
]=]
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
return 1
