--[=[
The archiving's lease, held by a token: 'renew' extends it, 'release' ends it, each only while the
caller's token still holds it (an expired lease may have been taken by another instance).
KEYS: 1 the lease.  ARGV: 1 'renew' | 'release', 2 token, 3 milliseconds (renew).
Reply: 1 if the token held it, 0 otherwise.
]=]
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
if ARGV[1] == 'release' then
  redis.call('DEL', KEYS[1])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
