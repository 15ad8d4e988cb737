-- expect: sandbox
load(string.dump(function() end))
