--[=[
Keeps an uploaded file's record: counted as a user of its content and listed as not yet linked to
a ticket (by upload time, for the sweep of forgotten uploads).
KEYS: 1 the record, 2 the content users hash, 3 the unlinked set, 4 the content's deletion mark.
ARGV: 1 record JSON, 2 sha256, 3 upload time (ms), 4 id, 5 '1' when the content file was already there.
Reply: 'kept'; 'exists' when the same file came from the same place before (left unchanged);
'wait' when the sweep is deleting this content (store the file again once the mark is gone).
]=]
if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
if redis.call('EXISTS', KEYS[4]) == 1 then return 'wait' end
-- Content kept before users were counted (or by an upload still on its way): one extra user, never swept.
if ARGV[5] == '1' and redis.call('HEXISTS', KEYS[2], ARGV[2]) == 0 then redis.call('HINCRBY', KEYS[2], ARGV[2], 1) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 'kept'
