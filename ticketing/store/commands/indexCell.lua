--[=[
Adds a ticket stored before the cells existed to its cells (listCells.ts), unless it was saved
since it was read: the save script then put it in its cells itself.
KEYS: 1 the ticket, 2 its cell, 3 its organisation's cell.  ARGV: 1 revision read, 2 score, 3 id.
Reply: 1 if added, 0 if the ticket changed meanwhile.
]=]
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1
