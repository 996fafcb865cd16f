--[=[
Adds a ticket stored before an index existed (the cells of listCells.ts, the search terms) to that
index's sorted sets, unless it was saved since it was read: the save script then indexed it itself.
KEYS: 1 the ticket, 2... the sorted sets.  ARGV: 1 revision read, 2 score, 3 id.
Reply: 1 if added, 0 if the ticket changed meanwhile.
]=]
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3]) end
return 1
