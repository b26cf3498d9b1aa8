-- wrk script for a page-cache miss: each request asks for the page at an address no
-- request asked for before (a query string the page ignores), so the page cache holds
-- nothing for it, and counts the responses the page cache answered anyway.
local threads = {}
counter = 0
hits = 0  -- globals: the main state reads each thread's with thread:get

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- The run's own mark (wrk ... -- MARK), so that no two runs ask for the same address.
function init(args)
  run = args[1] or ""
end

function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?miss=" .. run .. "-" .. id .. "-" .. counter)
end

function response(status, headers, body)
  if headers["X-Page-Cache"] ~= "miss" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("hits")
  end
  io.write(string.format("Not page-cache misses: %d\n", total))
end
