-- Put before every script by scripts.ts. k(name) gives back a key name the script was handed in
-- KEYS and stops the script otherwise: a Redis Cluster routes a script by its KEYS, so a key it
-- was not given may live on another node. A script names every key with k() before its first write.
local declared = {}
for _, key in ipairs(KEYS) do declared[key] = true end
local function k(name)
  if not declared[name] then return error('key not declared: ' .. name) end
  return name
end
