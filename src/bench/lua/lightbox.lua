-- wrk script for src/bench/run.sh: BENCH_ENDPOINT names the requests to send, BENCH_DATA is the folder the seeder
-- (dev.lightbox.bench.BenchSeed) wrote. Every request is formatted once per thread in init() and then cycled, so that
-- wrk spends as little of the shared CPU as it can.
--
-- Reads are made as the "reader", who owns half of the seeded images (all three levels) and sees the other user's
-- public and protected ones. Uploads are made as the "owner" at the private level: the reader never sees them, so the
-- lists measured after an upload run still hold the seeded images only.

local data = os.getenv("BENCH_DATA")
local endpoint = os.getenv("BENCH_ENDPOINT")

local function read(name)
   local file = assert(io.open(data .. "/" .. name, "rb"))
   local content = file:read("*a")
   file:close()
   return content
end

local function lines(name)
   local found = {}
   for line in io.lines(data .. "/" .. name) do
      found[#found + 1] = line
   end
   return found
end

local reader_token = read("reader.token")
local owner_token = read("owner.token")

-- wrk.format replaces wrk.headers with the table it is given and adds Host and Content-Length to it: a fresh table each.
local function get(path)
   return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. reader_token })
end

local function post(path, content_type, body)
   return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. owner_token, ["Content-Type"] = content_type }, body)
end

local function each_image(suffix)
   local requests = {}
   for _, id in ipairs(lines("reader-image-ids.txt")) do
      requests[#requests + 1] = get("/api/images/" .. id .. suffix)
   end
   return requests
end

local builders = {
   ["image"] = function() return each_image("") end,
   ["list20"] = function() return { get("/api/images?limit=20") } end,
   ["list100"] = function() return { get("/api/images?limit=100") } end,
   ["content"] = function() return each_image("/content") end,
   ["me"] = function() return { get("/api/users/me") } end,
   ["upload-start"] = function()
      return { post("/api/images/uploads", "application/json",
         '{"filename":"bench.png","contentType":"image/png","size":4096,"level":"private"}') }
   end,
   ["upload-stream"] = function()
      return { post("/api/images", read("upload-form.content-type"), read("upload-form.body")) }
   end,
}

local warmup_kinds = { "image", "list20", "list100", "content", "me", "upload-start", "upload-stream" }

-- Each kind is a list of requests; request() takes the kinds in turn and cycles within each. Only the warm-up has
-- more than one kind: it interleaves all of them, so that every code path is compiled before any is measured.
local kinds = {}
local positions = {}
local kind_index = 0

function init(args)
   local names = endpoint == "warmup" and warmup_kinds or { endpoint }
   for _, name in ipairs(names) do
      local build = builders[name]
      if build == nil then
         error("unknown BENCH_ENDPOINT: " .. tostring(name))
      end
      kinds[#kinds + 1] = build()
      positions[#positions + 1] = 0
   end
end

function request()
   kind_index = kind_index % #kinds + 1
   local requests = kinds[kind_index]
   positions[kind_index] = positions[kind_index] % #requests + 1
   return requests[positions[kind_index]]
end

-- One line that run.sh parses; latencies in microseconds, errors as wrk counts them (status = not 2xx or 3xx).
function done(summary, latency, _)
   local errors = summary.errors
   io.write(string.format("BENCH-RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
      summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
      latency:percentile(50), latency:percentile(99)))
end
