--[=[
Creates or replaces an organisation with its lookups (by tenant id, by folded name, and the
sender index: each administrator's normalised e-mail address to the set of organisation ids) in
one step, and its entry `<folded name>\t<id>` in the names index (sorted set, by name; a folded name holds no tab).
KEYS: every key it touches (organisationStore.ts), all of the `{orgs}` tag: the record's as read
and as written. ARGV: 1 the start of the directory's keys (`<prefix>{orgs}:`), 2 id, 3 JSON,
4 tenant id ('' = none), 5 folded name, 6 the administrators' normalised e-mail addresses joined
by newlines ('' = none), 7 the record's tenant, name and e-mails as read, joined by '\0' ('' = none)
Reply: {'ok', 1 if created else 0} | {'tenant_taken', other id} | {'name_taken', other id}
     | {'changed'} (the record changed since it was read: read it again)
]=]
local prefix, id, json, tenant, name, emails, seen = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local key = k(prefix .. 'org:' .. id)
local old = redis.call('HMGET', key, 'tenant', 'name', 'emails')
if (old[2] and ((old[1] or '') .. '\0' .. old[2] .. '\0' .. (old[3] or '')) or '') ~= seen then return { 'changed' } end
local tenantKey = tenant ~= '' and k(prefix .. 'org-by-tenant:' .. tenant)
local nameKey = k(prefix .. 'org-by-name:' .. name)
local namesKey = k(prefix .. 'orgs:names')
local emailKeys = {}
for email in string.gmatch(emails, '[^\n]+') do emailKeys[#emailKeys + 1] = k(prefix .. 'org-by-admin-email:' .. email) end
local oldEmailKeys = {}
if old[3] then
  for email in string.gmatch(old[3], '[^\n]+') do oldEmailKeys[#oldEmailKeys + 1] = k(prefix .. 'org-by-admin-email:' .. email) end
end
local oldTenantKey = old[1] and old[1] ~= '' and k(prefix .. 'org-by-tenant:' .. old[1])
local oldNameKey = old[2] and k(prefix .. 'org-by-name:' .. old[2])
local orgsKey = k(prefix .. 'orgs')

if tenant ~= '' then
  local owner = redis.call('GET', tenantKey)
  if owner and owner ~= id then return { 'tenant_taken', owner } end
end
local owner = redis.call('GET', nameKey)
if owner and owner ~= id then return { 'name_taken', owner } end

if oldTenantKey and old[1] ~= tenant then redis.call('DEL', oldTenantKey) end
if old[2] and old[2] ~= name then
  redis.call('DEL', oldNameKey)
  redis.call('ZREM', namesKey, old[2] .. '\t' .. id)
end
for _, emailKey in ipairs(oldEmailKeys) do redis.call('SREM', emailKey, id) end
for _, emailKey in ipairs(emailKeys) do redis.call('SADD', emailKey, id) end
redis.call('HSET', key, 'json', json, 'tenant', tenant, 'name', name, 'emails', emails)
redis.call('SADD', orgsKey, id)
if tenant ~= '' then redis.call('SET', tenantKey, id) end
redis.call('SET', nameKey, id)
redis.call('ZADD', namesKey, 0, name .. '\t' .. id)
if old[2] then return { 'ok', 0 } end
return { 'ok', 1 }
