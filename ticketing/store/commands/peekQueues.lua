--[=[
The most urgent unassigned tickets across some category queues, for claim-next to try in order.
Reads only the first `count` entries of each queue: never scans.

ARGV: 1 prefix, 2 count, 3.. categories
Reply: flat list id, rev, json, id, rev, json, ... most urgent first (ties: older id first).
]=]
local prefix, count = ARGV[1], tonumber(ARGV[2])
local candidates = {}
for i = 3, #ARGV do
  local head = redis.call('ZRANGE', prefix .. 'queue:' .. ARGV[i], 0, count - 1, 'WITHSCORES')
  for j = 1, #head, 2 do
    candidates[#candidates + 1] = { id = head[j], score = tonumber(head[j + 1]) }
  end
end
table.sort(candidates, function(a, b)
  if a.score ~= b.score then return a.score < b.score end
  return a.id < b.id
end)
local reply = {}
for i = 1, math.min(count, #candidates) do
  local record = redis.call('HMGET', prefix .. 'ticket:' .. candidates[i].id, 'rev', 'json')
  if record[1] then
    reply[#reply + 1] = candidates[i].id
    reply[#reply + 1] = record[1]
    reply[#reply + 1] = record[2]
  end
end
return reply
