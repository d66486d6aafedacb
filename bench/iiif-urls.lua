-- wrk script: requests the paths of a file (one per line) in turn, each thread from its own
-- starting point, so a shuffled list is spread over threads and connections.
local paths = {}
local index = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  index = math.random(#paths)
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
