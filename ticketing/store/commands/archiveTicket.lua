--[=[
Takes a ticket whose archive file is on disk out of Redis, unless it was saved since it was read
(then it stays, and the copy in the file is never pointed at): records the file in the ticket's
archive index hash, deletes the record, its internal notes and presence, and removes it from every
index. Only closed tickets are archived, so it is in no queue and no agent's open set.
KEYS: 1 the ticket, 2 its archive index hash, 3 its internal notes, 4 its presence, 5 the SLA due set,
      6 the delivery due set, 7... the sorted sets that list it (lists, cells, the closed set, search terms).
ARGV: 1 revision read, 2 id, 3 archive file, 4 number n of its SLA due members, 5..4+n those members,
      then its delivery due members.
Reply: 1 if taken out, 0 if the ticket changed (or left) meanwhile.
]=]
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
local due = tonumber(ARGV[4])
for i = 5, 4 + due do redis.call('ZREM', KEYS[5], ARGV[i]) end
for i = 5 + due, #ARGV do redis.call('ZREM', KEYS[6], ARGV[i]) end
for i = 7, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
return 1
