// The Lua host.
