--[=[
Writes a ticket and everything that depends on it in one step: the record {json, rev}, the list
indexes (and the cells of listCells.ts), the category queue, the agent's open set, the SLA due entries,
the message deliveries due and the marks of the uploads it links (never swept, even should the service
stop right after the save).

KEYS: every key the script reads or writes (ticketStore.ts saveKeys), all of the `{tickets}` hash tag;
the script checks each name it builds is among them before it writes anything.
ARGV: 1 the start of the store's keys (`<prefix>{tickets}:`), 2 ticket id, 3 expected revision (0 = the ticket must not exist yet),
      4 ticket JSON, 5 index entries of the ticket as read ('' on create),
      6 index entries of the ticket as written, 7 idempotency key ('' = none),
      8 idempotency value, 9 claim check ('' = none): {agent, categories, maxOpen?},
      10 seconds the idempotency key is kept (with a key), 11 JSON list of the ids of the uploads this
      write links ('[]' = none)
Index entries: {org, status, grade, category, created, breached, queue?, agent?, closed?, due: [[member, ms]],
delivery: [[member, ms]],
report: [[key, field]], search: [term]} (report counters: each cell counted as often as it occurs; the write adds the difference)
(built by indexEntries.ts; keys as in keys.ts).

Replies: {'ok', rev} | {'exists'} | {'conflict', rev} | {'duplicate', value}
       | {'taken'} | {'not_head'} | {'limit'}

Redis does not undo a script that fails half-way, so every argument is decoded and checked and
every refusal decided before the first write.
]=]
local prefix, id = ARGV[1], ARGV[2]
local expected = tonumber(ARGV[3])
local json = ARGV[4]
local idemKey, idemValue, idemSeconds = ARGV[7], ARGV[8], tonumber(ARGV[10])

-- Scores are integral epoch-ms based numbers up to ~6e13; Lua would print them with 14 digits.
local function isInt(n) return type(n) == 'number' and n == math.floor(n) and n >= 0 and n < 2^53 end
local function int(n) return string.format('%d', n) end

local function entries(raw, what)
  local ok, e = pcall(cjson.decode, raw)
  if not ok or type(e) ~= 'table' then return error('saveTicket: ' .. what .. ' is not JSON') end
  for _, field in ipairs({ 'org', 'status', 'grade', 'category' }) do
    if type(e[field]) ~= 'string' or e[field] == '' then return error('saveTicket: ' .. what .. '.' .. field .. ' is missing') end
  end
  if not isInt(e.created) then return error('saveTicket: ' .. what .. '.created is not a number') end
  if type(e.breached) ~= 'boolean' then return error('saveTicket: ' .. what .. '.breached is not a boolean') end
  if e.queue ~= nil and not isInt(e.queue) then return error('saveTicket: ' .. what .. '.queue is not a number') end
  if e.agent ~= nil and (type(e.agent) ~= 'string' or e.agent == '') then return error('saveTicket: ' .. what .. '.agent is not a string') end
  if e.closed ~= nil and not isInt(e.closed) then return error('saveTicket: ' .. what .. '.closed is not a number') end
  if e.delivery == nil then e.delivery = {} end
  for _, list in ipairs({ 'due', 'delivery' }) do
    if type(e[list]) ~= 'table' then return error('saveTicket: ' .. what .. '.' .. list .. ' is not a list') end
    for _, d in ipairs(e[list]) do
      if type(d[1]) ~= 'string' or not isInt(d[2]) then
        return error('saveTicket: ' .. what .. '.' .. list .. ' has an entry that is not [member, ms]')
      end
    end
  end
  if e.report == nil then e.report = {} end
  if type(e.report) ~= 'table' then return error('saveTicket: ' .. what .. '.report is not a list') end
  for _, c in ipairs(e.report) do
    if type(c[1]) ~= 'string' or type(c[2]) ~= 'string' then
      return error('saveTicket: ' .. what .. '.report has an entry that is not [key, field]')
    end
  end
  if e.search == nil then e.search = {} end
  if type(e.search) ~= 'table' then return error('saveTicket: ' .. what .. '.search is not a list') end
  for _, term in ipairs(e.search) do
    if type(term) ~= 'string' or term == '' then return error('saveTicket: ' .. what .. '.search has a term that is not a string') end
  end
  return e
end

if id == nil or id == '' or expected == nil or json == nil or json == '' then return error('saveTicket: id, revision and JSON are required') end
local before = nil
if ARGV[5] ~= '' then before = entries(ARGV[5], 'before') end
local after = entries(ARGV[6], 'after')
local okLinked, linked = pcall(cjson.decode, ARGV[11] or '')
if not okLinked or type(linked) ~= 'table' then return error('saveTicket: the linked uploads are not a JSON list') end
for _, file in ipairs(linked) do
  if type(file) ~= 'string' or file == '' then return error('saveTicket: a linked upload is not an id') end
end
if idemKey ~= '' and not (idemSeconds and idemSeconds >= 1) then return error('saveTicket: an idempotency key needs its lifetime in seconds') end
local claim = nil
if ARGV[9] ~= '' then
  claim = cjson.decode(ARGV[9])
  if type(claim.agent) ~= 'string' or type(claim.categories) ~= 'table' then return error('saveTicket: claim needs agent and categories') end
  if before == nil or before.queue == nil then return error('saveTicket: a claimed ticket must come from a queue') end
end

-- Refusals, still without writing anything.
local ticketKey = k(prefix .. 'ticket:' .. id)
local rev = redis.call('HGET', ticketKey, 'rev')
if expected == 0 then
  if rev then return { 'exists' } end
elseif tonumber(rev) ~= expected then
  return { 'conflict', rev or '0' }
end
if idemKey ~= '' then
  local prior = redis.call('GET', k(prefix .. 'idem:' .. idemKey))
  if prior then return { 'duplicate', prior } end
end
if claim then
  -- Only the head of the agent's queues may be claimed: the most urgent ticket, never a later one.
  local queueKey = k(prefix .. 'queue:' .. before.category)
  if redis.call('ZRANK', queueKey, id) ~= 0 then return { 'not_head' } end
  local skilled = false
  for _, category in ipairs(claim.categories) do
    if category == before.category then skilled = true end
    local head = redis.call('ZRANGE', k(prefix .. 'queue:' .. category), 0, 0, 'WITHSCORES')
    if head[1] and tonumber(head[2]) < before.queue then return { 'not_head' } end
  end
  if not skilled then return error('saveTicket: a claimed ticket must be of one of the agent\'s categories') end
  if type(claim.maxOpen) == 'number' and redis.call('SCARD', k(prefix .. 'agent:' .. claim.agent .. ':open')) >= claim.maxOpen then
    return { 'limit' }
  end
end

-- Writes: gathered first, so that an undeclared key stops the script before the first one.
local ops = {}
local function op(command, key, ...)
  ops[#ops + 1] = { command, k(key), ... }
end
local function lists(e)
  local cell = e.status .. ':' .. e.grade .. ':' .. e.category .. ':' .. (e.breached and '1' or '0')
  return {
    prefix .. 'tickets:all', prefix .. 'tickets:org:' .. e.org, prefix .. 'tickets:status:' .. e.status,
    prefix .. 'tickets:grade:' .. e.grade, prefix .. 'tickets:category:' .. e.category,
    prefix .. 'tickets:cell:' .. cell, prefix .. 'tickets:org:' .. e.org .. ':cell:' .. cell,
  }
end
if before then
  for _, key in ipairs(lists(before)) do op('ZREM', key, id) end
  if before.breached then op('ZREM', prefix .. 'tickets:breached', id) end
  if before.queue then op('ZREM', prefix .. 'queue:' .. before.category, id) end
  if before.agent then op('SREM', prefix .. 'agent:' .. before.agent .. ':open', id) end
  if before.closed then op('ZREM', prefix .. 'tickets:closed', id) end
  for _, d in ipairs(before.due) do op('ZREM', prefix .. 'sla:due', d[1]) end
  for _, d in ipairs(before.delivery) do op('ZREM', prefix .. 'delivery:due', d[1]) end
end
for _, key in ipairs(lists(after)) do op('ZADD', key, int(after.created), id) end
if after.breached then op('ZADD', prefix .. 'tickets:breached', int(after.created), id) end
if after.queue then op('ZADD', prefix .. 'queue:' .. after.category, int(after.queue), id) end
if after.agent then op('SADD', prefix .. 'agent:' .. after.agent .. ':open', id) end
if after.closed then op('ZADD', prefix .. 'tickets:closed', int(after.closed), id) end
for _, d in ipairs(after.due) do op('ZADD', prefix .. 'sla:due', int(d[2]), d[1]) end
for _, d in ipairs(after.delivery) do op('ZADD', prefix .. 'delivery:due', int(d[2]), d[1]) end
-- A ticket may bring the same cell more than once (two next responses met in a month): count occurrences.
local function cellCounts(e)
  local counts, cells = {}, {}
  if e then
    for _, c in ipairs(e.report) do
      local cell = c[1] .. '\0' .. c[2]
      counts[cell] = (counts[cell] or 0) + 1
      cells[cell] = c
    end
  end
  return counts, cells
end
local beforeCounts, beforeCells = cellCounts(before)
local afterCounts, afterCells = cellCounts(after)
for cell, c in pairs(afterCells) do
  local delta = afterCounts[cell] - (beforeCounts[cell] or 0)
  if delta ~= 0 then op('HINCRBY', prefix .. 'report:' .. c[1], c[2], delta) end
end
for cell, c in pairs(beforeCells) do
  if not afterCounts[cell] then op('HINCRBY', prefix .. 'report:' .. c[1], c[2], -beforeCounts[cell]) end
end
-- The search index (docs/agent-workspace.md): only the terms that came or went move, except that a closed
-- ticket may have been retired from the index (by the retention of versions before the archive), so its next
-- save adds every term.
local function termSet(e)
  local set = {}
  if e then for _, term in ipairs(e.search) do set[term] = true end end
  return set
end
local beforeTerms, afterTerms = termSet(before), termSet(after)
for term in pairs(beforeTerms) do
  if not afterTerms[term] then op('ZREM', prefix .. 'search:' .. term, id) end
end
if before and before.closed then beforeTerms = {} end
for term in pairs(afterTerms) do
  if not beforeTerms[term] then op('ZADD', prefix .. 'search:' .. term, int(after.created), id) end
end
if idemKey ~= '' then op('SET', prefix .. 'idem:' .. idemKey, idemValue, 'EX', string.format('%d', idemSeconds)) end
if #linked > 0 then op('SADD', prefix .. 'attachments-linked', unpack(linked)) end
local newRev = (tonumber(rev) or 0) + 1
op('HSET', ticketKey, 'json', json, 'rev', newRev)
for _, o in ipairs(ops) do redis.call(unpack(o)) end
return { 'ok', newRev }
