--[=[
The next page of tickets in every one of several sorted sets (search terms and list indexes, all
scored by creation time), newest first, reading at most a budget of candidates (docs/agent-workspace.md).
It walks the smallest set from the cursor down and keeps the ids every other set holds (ZMSCORE),
so the work is the page and the budget, never the sets' sizes. Read-only.

KEYS: the sets, then the cells (listCells.ts) whose union is the tickets the filters keep, when
      there are several filters.  ARGV: 1 page size, 2 budget (candidates read at most), 3 cursor
      score ('' = newest), 4 cursor id (the last id read: the walk goes on after it), 5 how many
      of the KEYS are cells (at the end; 0 or absent = none).
The cells answer a filter combination nothing matches at once (their ZCARDs add up to 0), where
the walk would read the whole budget, request after request; when only one of them holds
tickets, it is walked or checked like the other sets (it is the intersection of the filters).
Reply: {done (1 when the smallest set has nothing after the last id read), candidates read,
        cursor score, cursor id, ids...}
]=]
local count, budget = tonumber(ARGV[1]), tonumber(ARGV[2])
local cursorScore, cursorId = ARGV[3], ARGV[4]
if not count or count < 1 or not budget or budget < 1 or #KEYS - (tonumber(ARGV[5] or '0') or 0) < 1 then
  return error('searchTickets: a page size, a budget and at least one set are required')
end

local cells = tonumber(ARGV[5] or '0') or 0
local sets = {}
for i = 1, #KEYS - cells do sets[#sets + 1] = i end
if cells > 0 then
  local held, only = 0, nil
  for i = #KEYS - cells + 1, #KEYS do
    if redis.call('ZCARD', KEYS[i]) > 0 then held, only = held + 1, i end
  end
  if held == 0 then return { 1, 0, '', '' } end
  if held == 1 then sets[#sets + 1] = only end
end

local smallest, size = nil, nil
local sizes = {}
for _, i in ipairs(sets) do
  local n = redis.call('ZCARD', KEYS[i])
  if n == 0 then return { 1, 0, '', '' } end
  sizes[i] = n
  if size == nil or n < size then smallest, size = i, n end
end
-- The other sets, smallest first: a candidate missing from one is usually missing from the smaller.
local others = {}
for _, i in ipairs(sets) do
  if i ~= smallest then others[#others + 1] = i end
end
table.sort(others, function(a, b) return sizes[a] < sizes[b] end)
local walked = KEYS[smallest]

-- Where the walk starts, by rank (each chunk then costs log N plus the chunk, never an offset):
-- right after the cursor's id while it is still in the set, else after every entry scored above
-- the cursor, skipping the ties at its score down to its id (ties come in descending id order).
local rank, skipTies = 0, false
if cursorScore ~= '' then
  local at = redis.call('ZREVRANK', walked, cursorId)
  if at then
    rank = at + 1
  else
    rank = redis.call('ZCOUNT', walked, '(' .. cursorScore, '+inf')
    skipTies = true
  end
end

-- A chunk is checked against the other sets with one ZMSCORE a set (smallest first, over the ids
-- still in), not one ZSCORE a candidate: a candidate costs a lookup, not a command. The first
-- chunk is what the page still needs, each next one twice the last, up to CHUNK: a page of 25
-- that its first 25 candidates fill (a single set's always do) reads 25 entries, not 100, and a
-- walk through the whole budget takes two or three commands more.
local CHUNK = 100
local found, read, chunk = {}, 0, 0
local lastScore, lastId = cursorScore, cursorId
while read < budget and #found < count do
  chunk = math.min(CHUNK, math.max(count - #found, chunk * 2))
  local flat = redis.call('ZREVRANGE', walked, rank, rank + math.min(chunk, budget - read) - 1, 'WITHSCORES')
  if #flat == 0 then return { 1, read, lastScore, lastId, unpack(found) } end
  local survivors = {}
  for i = 1, #flat, 2 do
    if not (skipTies and flat[i + 1] == cursorScore and flat[i] >= cursorId) then survivors[#survivors + 1] = flat[i] end
  end
  for _, k in ipairs(others) do
    if #survivors == 0 then break end
    local scores = redis.call('ZMSCORE', KEYS[k], unpack(survivors))
    local still = {}
    for j, id in ipairs(survivors) do
      if scores[j] then still[#still + 1] = id end
    end
    survivors = still
  end
  local everywhere = {}
  for _, id in ipairs(survivors) do everywhere[id] = true end
  -- Read in order up to the page: the cursor is the last candidate counted, whatever the chunk held after it.
  for i = 1, #flat, 2 do
    rank = rank + 1
    read = read + 1
    lastScore, lastId = flat[i + 1], flat[i]
    if everywhere[flat[i]] then found[#found + 1] = flat[i] end
    if #found >= count then break end
  end
end
-- Stopped by the page or the budget: done all the same when nothing is left after the last read.
local done = #redis.call('ZREVRANGE', walked, rank, rank) == 0 and 1 or 0
return { done, read, lastScore, lastId, unpack(found) }
