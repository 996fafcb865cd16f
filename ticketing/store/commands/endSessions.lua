--[=[
Ends sessions of one person (sign-out: one; revocation: all) and drops them from the person's set.
KEYS: 1 the person's set of sessions, 2.. the sessions to end.
ARGV: the sessions' digests (the set's members), in the order of KEYS 2...
Reply: how many sessions existed.
]=]
local ended = 0
for i = 2, #KEYS do
  ended = ended + redis.call('DEL', KEYS[i])
  redis.call('SREM', KEYS[1], ARGV[i - 1])
end
return ended
