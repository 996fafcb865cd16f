--[=[
Creates or replaces an organisation with its lookups (by tenant id, by folded name, and the
sender index: each administrator's normalised e-mail address to the set of organisation ids) in
one step, and its entry `<folded name>\t<id>` in the names index (sorted set, by name; a folded name holds no tab).
ARGV: 1 prefix, 2 id, 3 JSON, 4 tenant id ('' = none), 5 folded name, 6 the administrators' normalised
e-mail addresses joined by newlines ('' = none)
Reply: {'ok', 1 if created else 0} | {'tenant_taken', other id} | {'name_taken', other id}
]=]
local prefix, id, json, tenant, name, emails = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local key = prefix .. 'org:' .. id
local tenantKey = prefix .. 'org-by-tenant:' .. tenant
local nameKey = prefix .. 'org-by-name:' .. name
local namesKey = prefix .. 'orgs:names'

if tenant ~= '' then
  local owner = redis.call('GET', tenantKey)
  if owner and owner ~= id then return { 'tenant_taken', owner } end
end
local owner = redis.call('GET', nameKey)
if owner and owner ~= id then return { 'name_taken', owner } end

local old = redis.call('HMGET', key, 'tenant', 'name', 'emails')
if old[1] and old[1] ~= '' and old[1] ~= tenant then redis.call('DEL', prefix .. 'org-by-tenant:' .. old[1]) end
if old[2] and old[2] ~= name then
  redis.call('DEL', prefix .. 'org-by-name:' .. old[2])
  redis.call('ZREM', namesKey, old[2] .. '\t' .. id)
end
if old[3] then
  for email in string.gmatch(old[3], '[^\n]+') do redis.call('SREM', prefix .. 'org-by-admin-email:' .. email, id) end
end
for email in string.gmatch(emails, '[^\n]+') do redis.call('SADD', prefix .. 'org-by-admin-email:' .. email, id) end
redis.call('HSET', key, 'json', json, 'tenant', tenant, 'name', name, 'emails', emails)
redis.call('SADD', prefix .. 'orgs', id)
if tenant ~= '' then redis.call('SET', tenantKey, id) end
redis.call('SET', nameKey, id)
redis.call('ZADD', namesKey, 0, name .. '\t' .. id)
if old[2] then return { 'ok', 0 } end
return { 'ok', 1 }
