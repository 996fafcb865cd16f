--[=[
Deletes an organisation and its lookups (the sender index included) in one step. Its tickets stay (they are records).
ARGV: 1 prefix, 2 id.  Reply: 1 if it existed, else 0.
]=]
local prefix, id = ARGV[1], ARGV[2]
local key = prefix .. 'org:' .. id
local old = redis.call('HMGET', key, 'tenant', 'name', 'emails')
if not old[2] then return 0 end
if old[3] then
  for email in string.gmatch(old[3], '[^\n]+') do redis.call('SREM', prefix .. 'org-by-admin-email:' .. email, id) end
end
if old[1] ~= '' then redis.call('DEL', prefix .. 'org-by-tenant:' .. old[1]) end
redis.call('DEL', prefix .. 'org-by-name:' .. old[2], key)
redis.call('SREM', prefix .. 'orgs', id)
redis.call('ZREM', prefix .. 'orgs:names', old[2] .. '\t' .. id)
return 1
