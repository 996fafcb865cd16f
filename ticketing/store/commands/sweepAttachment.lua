--[=[
Forgets an upload never linked to a ticket: its record, its entry in the unlinked set and its count
as a user of its content. When it was the content's last user, the content is marked as being
deleted (an upload of the same content waits) until the sweeper has deleted the file.
KEYS: 1 the record, 2 the content users hash, 3 the unlinked set, 4 the content's deletion mark.
ARGV: 1 id, 2 sha256, 3 uploaded before (ms), 4 how long the mark may live (ms, should the sweeper stop).
Reply: 1 when the file may be deleted; 0 when it is still used, or the upload was linked meanwhile.
]=]
local uploaded = redis.call('ZSCORE', KEYS[3], ARGV[1])
if not uploaded or tonumber(uploaded) > tonumber(ARGV[3]) then return 0 end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
if redis.call('HINCRBY', KEYS[2], ARGV[2], -1) > 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[4])
return 1
