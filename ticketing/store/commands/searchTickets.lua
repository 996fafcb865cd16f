--[=[
The next page of tickets in every one of several sorted sets (search terms and list indexes, all
scored by creation time), newest first, reading at most a budget of candidates (docs/agent-workspace.md).
It walks the smallest set from the cursor down and keeps the ids every other set holds (ZSCORE),
so the work is the page and the budget, never the sets' sizes. Read-only.

KEYS: the sets.  ARGV: 1 page size, 2 budget (candidates read at most), 3 cursor score ('' = newest),
      4 cursor id (the last id read: the walk goes on after it).
Reply: {done (1 when the smallest set has nothing after the last id read), cursor score, cursor id, ids...}
]=]
local count, budget = tonumber(ARGV[1]), tonumber(ARGV[2])
local cursorScore, cursorId = ARGV[3], ARGV[4]
if not count or count < 1 or not budget or budget < 1 or #KEYS < 1 then
  return error('searchTickets: a page size, a budget and at least one set are required')
end

local smallest, size = 1, nil
local sizes = {}
for i = 1, #KEYS do
  local n = redis.call('ZCARD', KEYS[i])
  if n == 0 then return { 1, '', '' } end
  sizes[i] = n
  if size == nil or n < size then smallest, size = i, n end
end
-- The other sets, smallest first: a candidate missing from one is usually missing from the smaller.
local others = {}
for i = 1, #KEYS do
  if i ~= smallest then others[#others + 1] = i end
end
table.sort(others, function(a, b) return sizes[a] < sizes[b] end)

local CHUNK = 200
local max = cursorScore == '' and '+inf' or cursorScore
local found, read, offset = {}, 0, 0
local lastScore, lastId = cursorScore, cursorId
while true do
  local flat = redis.call('ZREVRANGEBYSCORE', KEYS[smallest], max, '-inf', 'WITHSCORES', 'LIMIT', offset, CHUNK)
  if #flat == 0 then return { 1, lastScore, lastId, unpack(found) } end
  offset = offset + #flat / 2
  for i = 1, #flat, 2 do
    local id, score = flat[i], flat[i + 1]
    -- Ties at the cursor's score come in descending id order: those down to the cursor's id were read before.
    if not (cursorScore ~= '' and score == cursorScore and id >= cursorId) then
      read = read + 1
      lastScore, lastId = score, id
      local everywhere = true
      for _, k in ipairs(others) do
        if not redis.call('ZSCORE', KEYS[k], id) then
          everywhere = false
          break
        end
      end
      if everywhere then
        found[#found + 1] = id
        if #found >= count then return { 0, lastScore, lastId, unpack(found) } end
      end
      if read >= budget then return { 0, lastScore, lastId, unpack(found) } end
    end
  end
end
