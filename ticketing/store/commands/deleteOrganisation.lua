--[=[
Deletes an organisation and its lookups (the sender index included) in one step. Its tickets stay (they are records).
KEYS: every key it touches (organisationStore.ts), all of the `{orgs}` tag. ARGV: 1 the start of the
directory's keys (`<prefix>{orgs}:`), 2 id, 3 the record's tenant, name and e-mails as read, joined by '\0'.
Reply: 1 if it existed, else 0; 'changed' when the record changed since it was read (read it again).
]=]
local prefix, id, seen = ARGV[1], ARGV[2], ARGV[3]
local key = k(prefix .. 'org:' .. id)
local old = redis.call('HMGET', key, 'tenant', 'name', 'emails')
if not old[2] then return 0 end
if ((old[1] or '') .. '\0' .. old[2] .. '\0' .. (old[3] or '')) ~= seen then return 'changed' end
local emailKeys = {}
for email in string.gmatch(old[3] or '', '[^\n]+') do emailKeys[#emailKeys + 1] = k(prefix .. 'org-by-admin-email:' .. email) end
local tenantKey = old[1] and old[1] ~= '' and k(prefix .. 'org-by-tenant:' .. old[1])
local nameKey, orgsKey, namesKey = k(prefix .. 'org-by-name:' .. old[2]), k(prefix .. 'orgs'), k(prefix .. 'orgs:names')

for _, emailKey in ipairs(emailKeys) do redis.call('SREM', emailKey, id) end
if tenantKey then redis.call('DEL', tenantKey) end
redis.call('DEL', nameKey, key)
redis.call('SREM', orgsKey, id)
redis.call('ZREM', namesKey, old[2] .. '\t' .. id)
return 1
